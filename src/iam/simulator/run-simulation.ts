/**
 * Runs a simulation: every action on every resource through the compiled engine (explain
 * mode, no derived context keys: the simulator's keys all come from ContextEntries), then one
 * EvaluationResult per action as IAM now returns it (API reference, EvaluationResult): the
 * top level aggregates the resources (the most restrictive decision, the union of matched
 * statements and missing keys) and ResourceSpecificResults, present when ResourceArns was
 * given, holds each resource's own result.
 */
import type { ContextValue, Decision, DecisionDetails, EvaluateOptions, RequestPrincipal } from '../../eval/index.js'
import { reportedStatements } from './matched-statements.js'
import { aggregateResourceNames } from './resource-name.js'
import type { ApiDecision, ApiEvaluationResult, ApiResourceSpecificResult, ApiStatement } from './shapes.js'
import type { SimulationSet } from './simulation-set.js'

export interface SimulationRequest {
  set: SimulationSet
  principal: RequestPrincipal
  context: Record<string, ContextValue>
  /** ResourceArns as given; undefined when the member was omitted (the resource is then `*`). */
  resources: readonly string[] | undefined
  /** The account owning resources whose ARN names none (ResourceOwner, else the caller's account). */
  defaultOwner: string
  now: Date
}

const API_DECISION: Record<Decision, ApiDecision> = { Allow: 'allowed', ExplicitDeny: 'explicitDeny', ImplicitDeny: 'implicitDeny' }
const RANK: Record<ApiDecision, number> = { allowed: 0, implicitDeny: 1, explicitDeny: 2 }

/** Keys of EvalDecisionDetails for a cross-account simulation: the caller's side and the resource's side. */
const IDENTITY_SIDE = 'IAM Policy'
const RESOURCE_SIDE = 'Resource Policy'

/** The account field of an ARN when it holds an account id, else `defaultOwner` (S3 ARNs, `*`). */
function ownerOf(resource: string, defaultOwner: string): string {
  let at = -1
  for (let i = 0; i < 4; i++) {
    at = resource.indexOf(':', at + 1)
    if (at < 0) return defaultOwner
  }
  const account = resource.slice(at + 1, at + 13)
  return resource.charCodeAt(at + 13) === 58 /* : */ && /^\d{12}$/.test(account) ? account : defaultOwner
}

const EMPTY_DETAILS: Record<string, ApiDecision> = Object.freeze({}) as Record<string, ApiDecision>

/** EvalDecisionDetails of one resource: none for `*`, empty in the account, each side's decision across accounts. */
function decisionDetails(resource: string, crossAccount: boolean, d: DecisionDetails): Record<string, ApiDecision> | undefined {
  if (resource === '*') return undefined
  if (!crossAccount) return EMPTY_DETAILS
  return { [IDENTITY_SIDE]: API_DECISION[d.identity], [RESOURCE_SIDE]: API_DECISION[d.resource ?? 'ImplicitDeny'] }
}

/** Appends the items of `list` not yet in `out` (lists here hold a handful of items). */
function addNew<T>(out: T[], list: readonly T[]): void {
  for (const t of list) if (!out.includes(t)) out.push(t)
}

function actionResult(r: SimulationRequest, action: string, owners: readonly string[], resourceName: string, options: EvaluateOptions): ApiEvaluationResult {
  const resources = r.resources ?? ['*']
  const { compiled, sources, hasBoundary } = r.set
  const { principal, context } = r
  const perResource: ApiResourceSpecificResult[] = []
  let decision: ApiDecision = 'allowed'
  let withinBoundary = true
  let details: Record<string, ApiDecision> | undefined
  let missing: string[] | undefined
  for (let i = 0; i < resources.length; i++) {
    const resource = resources[i] as string
    const resourceAccount = owners[i] as string
    const result = compiled.evaluate({ principal, action, resource, resourceAccount, context }, options)
    const one: ApiResourceSpecificResult = {
      EvalResourceName: resource,
      EvalResourceDecision: API_DECISION[result.decision],
      MatchedStatements: reportedStatements(result, sources),
      MissingContextValues: result.missingContextKeys
    }
    if (RANK[one.EvalResourceDecision] > RANK[decision]) decision = one.EvalResourceDecision
    const d = decisionDetails(resource, resourceAccount !== principal.accountId, result.details)
    if (d !== undefined) {
      one.EvalDecisionDetails = d
      details ??= {}
      if (d !== EMPTY_DETAILS) for (const k in d) if (details[k] === undefined || RANK[d[k] as ApiDecision] > RANK[details[k]]) details[k] = d[k] as ApiDecision
    }
    if (hasBoundary) {
      const allowed = result.details.boundary === 'Allow'
      one.PermissionsBoundaryDecisionDetail = { AllowedByPermissionsBoundary: allowed }
      withinBoundary &&= allowed
    }
    if (result.missingContextKeys.length > 0) {
      missing ??= []
      for (const k of result.missingContextKeys) if (!missing.some((m) => m.toLowerCase() === k.toLowerCase())) missing.push(k)
    }
    perResource.push(one)
  }
  // On top, an explicit deny is reported by its Deny statements, which only the denied resources carry.
  const statements: ApiStatement[] = []
  for (const one of perResource) if (decision !== 'explicitDeny' || one.EvalResourceDecision === 'explicitDeny') addNew(statements, one.MatchedStatements)
  const out: ApiEvaluationResult = {
    EvalActionName: action,
    EvalResourceName: resourceName,
    EvalDecision: decision,
    MatchedStatements: statements,
    MissingContextValues: missing ?? []
  }
  if (hasBoundary) out.PermissionsBoundaryDecisionDetail = { AllowedByPermissionsBoundary: withinBoundary }
  if (details !== undefined) out.EvalDecisionDetails = details
  if (r.resources !== undefined) out.ResourceSpecificResults = perResource
  return out
}

/** The EvaluationResults for `actions` (one page of ActionNames), in the order given. */
export async function runSimulation(r: SimulationRequest, actions: readonly string[]): Promise<ApiEvaluationResult[]> {
  const resources = r.resources ?? ['*']
  const owners = resources.map((resource) => ownerOf(resource, r.defaultOwner))
  const names = resources.length === 1 ? undefined : await aggregateResourceNames(actions, resources)
  const options: EvaluateOptions = { now: r.now, explain: true, deriveContext: false }
  return actions.map((action, i) => actionResult(r, action, owners, names?.[i] ?? (resources[0] as string), options))
}
