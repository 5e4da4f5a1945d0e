/**
 * Last-used bookkeeping (AccessKeyLastUsed, RoleLastUsed, service last accessed data) off
 * the hot path: AWS itself tracks these approximately, so a key used a thousand times a
 * second is written at most once per interval (or when the service or region changes),
 * never once per request, and never on the request's own path.
 */
import type { ServiceAccessEntry, Store } from '../store/index.js'

/** How often one key or role is written back at most. */
export const USAGE_INTERVAL_MS = 60_000

/** The IAM user or role a request is attributed to (a role through its sessions). */
export interface UsageEntity {
  /** Unique id (AIDA... / AROA...). */
  id: string
  arn: string
}

interface Seen {
  at: number
  /** Service (or '') and region of the last write: a change of either is written at once. */
  service: string
  region: string
}

export class UsageRecorder {
  private readonly keys = new Map<string, Seen>()
  private readonly roles = new Map<string, Seen>()
  /** Per user or role id, per action: two lookups with strings the caller already holds, no key built per request. */
  private readonly actions = new Map<string, Map<string, Seen>>()
  private actionCount = 0
  private pending: ServiceAccessEntry[] = []
  private readonly writing = new Set<Promise<void>>()

  constructor(
    private readonly store: Store,
    private readonly log: (line: string) => void = (line) => process.stderr.write(line + '\n'),
    private readonly maxEntries = 100_000
  ) {}

  /** Notes that an IAM user's access key signed a request. */
  accessKeyUsed(accessKeyId: string, now: Date, service: string, region: string): void {
    if (!this.due(this.keys, accessKeyId, now, service, region)) return
    this.store.recordAccessKeyUsed(accessKeyId, now, service, region).catch((e: unknown) => this.failed('access key', e))
  }

  /** Notes that a role was assumed (by id, so a role deleted and recreated under its name starts afresh). */
  roleUsed(role: { id: string; name: string }, now: Date, region: string): void {
    if (!this.due(this.roles, role.id, now, '', region)) return
    this.store.recordRoleUsed(role.name, now, region).catch((e: unknown) => this.failed('role', e))
  }

  /**
   * Notes an authenticated attempt (allowed or not: AWS reports both) by a user or role to
   * call `action` (`namespace:Name`). Attempts due for writing are batched and written
   * together after the current turn of the event loop.
   */
  serviceUsed(entity: UsageEntity, action: string, now: Date, region: string): void {
    const last = this.actions.get(entity.id)?.get(action)
    // A bound on all entries together, not an LRU: clearing costs at most one extra write per entry.
    if (last === undefined && ++this.actionCount > this.maxEntries) {
      this.actions.clear()
      this.actionCount = 1
    }
    let perEntity = this.actions.get(entity.id)
    if (perEntity === undefined) this.actions.set(entity.id, (perEntity = new Map()))
    if (!this.due(perEntity, action, now, '', region, last)) return
    const colon = action.indexOf(':')
    const n = this.pending.push({
      entityId: entity.id, entityArn: entity.arn, namespace: action.slice(0, colon), action: action.slice(colon + 1), at: now, region
    })
    if (n === 1) setImmediate(() => this.flush())
  }

  private flush(): void {
    if (this.pending.length === 0) return
    const batch = this.pending
    this.pending = []
    const write = this.store.recordServiceAccess(batch).catch((e: unknown) => this.failed('service access', e))
    this.writing.add(write)
    void write.finally(() => this.writing.delete(write))
  }

  /** Writes what is pending and waits for the writes under way (before the store closes). */
  async drain(): Promise<void> {
    this.flush()
    await Promise.all(this.writing)
  }

  private due(seen: Map<string, Seen>, id: string, now: Date, service: string, region: string, last = seen.get(id)): boolean {
    const t = now.getTime()
    if (last !== undefined) {
      if (last.service === service && last.region === region && t - last.at < USAGE_INTERVAL_MS) return false
      last.at = t
      last.service = service
      last.region = region
      return true
    }
    // A bound, not an LRU: clearing costs at most one extra write per key.
    if (seen.size >= this.maxEntries) seen.clear()
    seen.set(id, { at: t, service, region })
    return true
  }

  private failed(what: string, e: unknown): void {
    // A deleted key or role races with its last use; anything else is worth a line.
    if ((e as { kind?: string }).kind === 'NotFound') return
    this.log(JSON.stringify({ level: 'warn', message: `recording ${what} last use failed`, error: String(e) }))
  }
}

const recorders = new WeakMap<Store, UsageRecorder>()

/** The one recorder of a store, shared by the pipeline (access keys) and AssumeRole (roles). */
export function usageRecorderFor(store: Store): UsageRecorder {
  let r = recorders.get(store)
  if (!r) {
    r = new UsageRecorder(store)
    recorders.set(store, r)
  }
  return r
}
