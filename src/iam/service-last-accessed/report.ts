/**
 * A service last accessed report, built once when its job runs and stored with the job (as
 * AWS keeps a report as of its generation): every service the target's permissions
 * policies allow, with the latest recorded attempt of the target's users and roles, how
 * many of them made one, and for ACTION_LEVEL jobs the tracked actions they used.
 */
import { loadCatalog } from '../../catalog/index.js'
import type { ServiceAccessEntry, ServiceLastAccessedGranularity, Store } from '../../store/index.js'
import { AllowedActions } from './allowed-actions.js'
import type { ReportEntity, ReportTarget } from './target.js'

/**
 * Services whose actions IAM tracks one by one (TrackedActionsLastAccessed). AWS tracks
 * these (and more); of them Warden serves only IAM, so only IAM actions are ever recorded.
 */
export const TRACKED_NAMESPACES: ReadonlySet<string> = new Set(['iam', 's3', 'ec2', 'lambda'])

/** The latest attempt: when, by which entity (index into the report's entities), where. */
export interface Attempt {
  time: string
  entity: number
  region: string
}

export interface ReportService {
  name: string
  namespace: string
  last?: Attempt
  /** Per entity that made an attempt: its latest one. */
  used: Attempt[]
  tracked?: (Attempt & { action: string })[]
}

/** The report as stored (JSON) with its job. */
export interface StoredReport {
  entities: ReportEntity[]
  services: ReportService[]
}

function later(a: Attempt | undefined, b: Attempt): Attempt {
  return a === undefined || b.time > a.time ? b : a
}

function attempt(e: ServiceAccessEntry, entity: number): Attempt {
  return { time: e.at.toISOString(), entity, region: e.region }
}

/** Builds the report of `target` from the use recorded so far. */
export async function buildReport(store: Store, target: ReportTarget, granularity: ServiceLastAccessedGranularity): Promise<StoredReport> {
  const catalog = await loadCatalog()
  const allowed = new AllowedActions(target.policies.map((p) => p.policy))
  const index = new Map(target.entities.map((e, i) => [e.id, i]))
  const byNamespace = new Map<string, ServiceAccessEntry[]>()
  for (const e of await store.listServiceAccess(target.entities.map((x) => x.id))) {
    const list = byNamespace.get(e.namespace)
    if (list) list.push(e)
    else byNamespace.set(e.namespace, [e])
  }
  const services: ReportService[] = []
  for (const s of catalog.listServices()) {
    if (!allowed.allowsService(s.prefix)) continue
    const service: ReportService = { name: s.name, namespace: s.prefix, used: [] }
    const perEntity = new Map<number, Attempt>()
    const perAction = new Map<string, Attempt & { action: string }>()
    const tracked = granularity === 'ACTION_LEVEL' && TRACKED_NAMESPACES.has(s.prefix)
    for (const e of byNamespace.get(s.prefix) ?? []) {
      const i = index.get(e.entityId) as number
      const a = attempt(e, i)
      perEntity.set(i, later(perEntity.get(i), a))
      service.last = later(service.last, a)
      if (tracked && allowed.allowsAction(s.prefix, e.action)) {
        const seen = perAction.get(e.action)
        if (seen === undefined || a.time > seen.time) perAction.set(e.action, { ...a, action: e.action })
      }
    }
    service.used = [...perEntity.values()]
    if (perAction.size > 0) service.tracked = [...perAction.values()].sort((a, b) => (a.action < b.action ? -1 : 1))
    services.push(service)
  }
  services.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  return { entities: target.entities, services }
}
