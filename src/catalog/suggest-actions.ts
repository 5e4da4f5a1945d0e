/**
 * Ranking of real actions and service prefixes for misspelled ones. Pure functions over
 * data the catalog hands in, so the ranking can be tested without loading anything.
 */
import { editDistance, nameShape, nameSimilarity, type NameShape } from './similarity.js'
import { OPERATION_ACTIONS, SERVICE_ALIASES } from './suggest-hints.js'
import type { ServiceData } from './service-data.js'
import type { ActionInfo, ActionSuggestion, ServiceInfo, SuggestionReason, SuggestOptions } from './types.js'

/** What {@link rankActions} searches: the user's service and name, and the candidate actions. */
export interface RankInput {
  /** Lower-case service prefix as written (may not exist). */
  readonly service: string
  /** Action name as written. */
  readonly name: string
  /** The written service's data when that service exists. */
  readonly ownService: ServiceData | undefined
  /** Loaded services the written prefix probably meant, best first (only when it does not exist). */
  readonly nearServices: readonly ServiceData[]
  /** Actions of exactly this name (case-insensitive) in any loaded service. */
  readonly sameName: readonly ActionInfo[]
  /** Looks up a loaded action by `service:Name`. */
  readonly exists: (action: string) => ActionInfo | undefined
  readonly options: SuggestOptions
}

// A candidate in the wrong service is worth a little less than one in the right service,
// so `sagemaker:CreateTrainingJob` beats an exact name match under some other prefix.
const NEAR_SERVICE_FACTOR = 0.97
const OTHER_SERVICE_SCORE = 0.9
const KNOWN_MAPPING_SCORE = 0.99

const shapes = new WeakMap<ActionInfo, NameShape>()

function shapeOf(action: ActionInfo): NameShape {
  let shape = shapes.get(action)
  if (shape === undefined) {
    shape = nameShape(action.name)
    shapes.set(action, shape)
  }
  return shape
}

/** Ranks candidate actions for a misspelled one, best first. */
export function rankActions(input: RankInput): ActionSuggestion[] {
  const limit = input.options.limit ?? 5
  const minScore = input.options.minScore ?? 0.55
  const best = new Map<string, { score: number; reason: SuggestionReason }>()
  const offer = (action: string, score: number, reason: SuggestionReason): void => {
    const seen = best.get(action)
    if (seen === undefined || seen.score < score) best.set(action, { score, reason })
  }
  const shape = nameShape(input.name)
  const lowerName = input.name.toLowerCase()

  const resolved = input.ownService ?? input.nearServices[0]
  const mapped = resolved === undefined ? undefined : OPERATION_ACTIONS.get(`${resolved.info.prefix}:${lowerName}`)
  mapped?.forEach((target, i) => {
    const hit = input.exists(target)
    if (hit !== undefined) offer(hit.fullName, KNOWN_MAPPING_SCORE - i * 0.01, 'known-mapping')
  })

  if (input.ownService !== undefined) {
    for (const action of input.ownService.actions.values()) {
      const score = nameSimilarity(shape, shapeOf(action))
      if (score >= minScore) offer(action.fullName, score, score === 1 ? 'case' : 'similar-name')
    }
  }
  for (const data of input.nearServices) {
    for (const action of data.actions.values()) {
      const score = nameSimilarity(shape, shapeOf(action)) * NEAR_SERVICE_FACTOR
      if (score >= minScore) offer(action.fullName, score, 'other-service')
    }
  }
  for (const action of input.sameName) {
    if (action.service !== input.service) offer(action.fullName, OTHER_SERVICE_SCORE, 'other-service')
  }

  return [...best.entries()]
    .filter(([, v]) => v.score >= minScore)
    .sort((a, b) => b[1].score - a[1].score || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([action, v]) => ({ action, score: Math.round(v.score * 1000) / 1000, reason: v.reason }))
}

/** Ranks real service prefixes for a wrong one, best first; an existing prefix ranks itself first. */
export function rankServices(prefix: string, services: Iterable<ServiceInfo>, limit: number): string[] {
  const lower = prefix.toLowerCase()
  const compact = lower.replace(/[^a-z0-9]/g, '')
  if (compact.length === 0) return []
  const scores = new Map<string, number>()
  const offer = (p: string, score: number): void => {
    if ((scores.get(p) ?? 0) < score) scores.set(p, score)
  }
  const alias = SERVICE_ALIASES.get(lower) ?? SERVICE_ALIASES.get(compact)
  if (alias !== undefined) offer(alias, 1)
  for (const service of services) {
    if (service.prefix === lower) offer(service.prefix, 1)
    const prefixCompact = service.prefix.replace(/[^a-z0-9]/g, '')
    if (prefixCompact === compact) offer(service.prefix, 0.98)
    const named = compactName(service.name)
    if (named === compact) offer(service.prefix, 0.95)
    else if (compact.length >= 5 && named.startsWith(compact)) offer(service.prefix, 0.8)
    // Short prefixes (`s3`, `ec2`) tolerate one edit only, or everything would be near.
    const allowed = compact.length >= 5 ? 2 : 1
    if (Math.abs(prefixCompact.length - compact.length) <= allowed) {
      const d = editDistance(compact, prefixCompact)
      if (d <= allowed) offer(service.prefix, 0.9 - 0.1 * d)
    }
  }
  return [...scores.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([p]) => p)
}

/** `AWS Step Functions` -> `stepfunctions`; `AWS Identity and Access Management (IAM)` -> `identityandaccessmanagement`. */
function compactName(name: string): string {
  return name
    .toLowerCase()
    .replace(/\(.*?\)/g, '')
    .replace(/\b(amazon|aws)\b/g, '')
    .replace(/[^a-z0-9]/g, '')
}
