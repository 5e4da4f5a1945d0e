/**
 * Runs a simulation: every action on every resource through the compiled engine (explain
 * mode, no derived context keys: the simulator's keys all come from ContextEntries), then one
 * EvaluationResult per action as IAM now returns it (API reference, EvaluationResult): the
 * top level aggregates the resources (the most restrictive decision, the union of matched
 * statements and missing keys) and ResourceSpecificResults, present when ResourceArns was
 * given, holds each resource's own result.
 */
import type { Decision, DecisionDetails, EvaluationResult, RequestPrincipal, ContextValue } from '../../eval/index.js'
import { reportedStatements } from './matched-statements.js'
import { aggregateResourceName } from './resource-name.js'
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

function ownerOf(resource: string, defaultOwner: string): string {
  const account = resource.split(':')[4]
  return account !== undefined && /^\d{12}$/.test(account) ? account : defaultOwner
}

interface Evaluated {
  resource: string
  result: EvaluationResult
  decision: ApiDecision
  statements: ApiStatement[]
  crossAccount: boolean
}

function decisionDetails(e: Evaluated): Record<string, ApiDecision> | undefined {
  if (e.resource === '*') return undefined
  if (!e.crossAccount) return {}
  const d: DecisionDetails = e.result.details
  return { [IDENTITY_SIDE]: API_DECISION[d.identity], [RESOURCE_SIDE]: API_DECISION[d.resource ?? 'ImplicitDeny'] }
}

function boundaryDetail(set: SimulationSet, result: EvaluationResult): { AllowedByPermissionsBoundary: boolean } | undefined {
  return set.hasBoundary ? { AllowedByPermissionsBoundary: result.details.boundary === 'Allow' } : undefined
}

function resourceResult(set: SimulationSet, e: Evaluated): ApiResourceSpecificResult {
  const out: ApiResourceSpecificResult = {
    EvalResourceName: e.resource,
    EvalResourceDecision: e.decision,
    MatchedStatements: e.statements,
    MissingContextValues: e.result.missingContextKeys
  }
  const details = decisionDetails(e)
  if (details !== undefined) out.EvalDecisionDetails = details
  const boundary = boundaryDetail(set, e.result)
  if (boundary) out.PermissionsBoundaryDecisionDetail = boundary
  return out
}

function union<T>(lists: Iterable<readonly T[]>, key: (t: T) => unknown): T[] {
  const seen = new Set<unknown>()
  const out: T[] = []
  for (const list of lists) {
    for (const t of list) {
      const k = key(t)
      if (!seen.has(k)) {
        seen.add(k)
        out.push(t)
      }
    }
  }
  return out
}

/** Aggregate EvalDecisionDetails: absent for `*`, the most restrictive value per key otherwise. */
function aggregateDetails(all: readonly Evaluated[]): Record<string, ApiDecision> | undefined {
  let out: Record<string, ApiDecision> | undefined
  for (const e of all) {
    const d = decisionDetails(e)
    if (d === undefined) continue
    out ??= {}
    for (const [k, v] of Object.entries(d)) if (out[k] === undefined || RANK[v] > RANK[out[k]]) out[k] = v
  }
  return out
}

async function actionResult(r: SimulationRequest, action: string): Promise<ApiEvaluationResult> {
  const resources = r.resources ?? ['*']
  const all: Evaluated[] = []
  for (const resource of resources) {
    const resourceAccount = ownerOf(resource, r.defaultOwner)
    const result = r.set.compiled.evaluate(
      { principal: r.principal, action, resource, resourceAccount, context: r.context },
      { now: r.now, explain: true, deriveContext: false }
    )
    all.push({
      resource,
      result,
      decision: API_DECISION[result.decision],
      statements: reportedStatements(result, r.set.sources),
      crossAccount: resourceAccount !== r.principal.accountId
    })
  }
  let worst: Evaluated = all[0] as Evaluated
  for (const e of all) if (RANK[e.decision] > RANK[worst.decision]) worst = e
  const decision = worst.decision
  // An explicit deny is reported by its Deny statements, which only the denied resources carry.
  const reporting = decision === 'explicitDeny' ? all.filter((e) => e.decision === 'explicitDeny') : all
  const out: ApiEvaluationResult = {
    EvalActionName: action,
    EvalResourceName: resources.length === 1 ? (resources[0] as string) : await aggregateResourceName(action, resources),
    EvalDecision: decision,
    MatchedStatements: union(reporting.map((e) => e.statements), (s) => s),
    MissingContextValues: union(all.map((e) => e.result.missingContextKeys), (k) => k.toLowerCase())
  }
  if (r.set.hasBoundary) out.PermissionsBoundaryDecisionDetail = { AllowedByPermissionsBoundary: all.every((e) => e.result.details.boundary === 'Allow') }
  const details = aggregateDetails(all)
  if (details !== undefined) out.EvalDecisionDetails = details
  if (r.resources !== undefined) out.ResourceSpecificResults = all.map((e) => resourceResult(r.set, e))
  return out
}

/** The EvaluationResults for `actions` (one page of ActionNames), in the order given. */
export async function runSimulation(r: SimulationRequest, actions: readonly string[]): Promise<ApiEvaluationResult[]> {
  const out: ApiEvaluationResult[] = []
  for (const action of actions) out.push(await actionResult(r, action))
  return out
}
