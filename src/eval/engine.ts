/**
 * The AWS decision algorithm (IAM User Guide, "Policy evaluation logic", "Determining
 * whether a request is allowed or denied within an account", "Cross-account policy
 * evaluation logic"): explicit deny anywhere wins; SCP and RCP levels must each allow;
 * then resource-based and identity-based policies, permissions boundaries and session
 * policies combine according to how the resource policy named the caller.
 */
import { arnAccountIs } from './arn.js'
import { roleArnFromSession } from './context.js'
import { ACCOUNT, ALLOW, CompiledGroup, DENY, DIRECT, ROLE, type DenyInfo } from './group.js'
import type { CallerIdentity } from './principal.js'
import { EvalState } from './state.js'
import type {
  AuthorizationRequest,
  CompiledPolicySet,
  Decision,
  DecisionDetails,
  DenialReason,
  EvaluateOptions,
  EvaluationResult,
  MatchedStatement,
  PolicyInput,
  PolicySet,
  PolicyType
} from './types.js'

const EMPTY_MATCHED: MatchedStatement[] = Object.freeze([]) as unknown as MatchedStatement[]
const EMPTY_KEYS: string[] = Object.freeze([]) as unknown as string[]

interface Groups {
  identity: CompiledGroup
  resource: CompiledGroup | undefined
  trust: boolean
  boundary: CompiledGroup | undefined
  session: CompiledGroup | undefined
  scp: CompiledGroup[]
  rcp: CompiledGroup[]
  ids: { resource?: string; boundary?: string; session?: string; scp: (string | undefined)[]; rcp: (string | undefined)[] }
}

function group(policies: PolicyInput[] | undefined, withPrincipal: boolean, callerHasBoundary: boolean): CompiledGroup | undefined {
  if (!policies || policies.length === 0) return undefined
  return new CompiledGroup(policies, { withPrincipal, callerHasBoundary })
}

/** Compiles a policy set once; the result evaluates requests without re-reading the policies. */
export function compilePolicySet(set: PolicySet): CompiledPolicySet {
  const hasBoundary = (set.boundary?.length ?? 0) > 0
  const g: Groups = {
    identity: new CompiledGroup(set.identity ?? [], { withPrincipal: false, callerHasBoundary: false }),
    resource: group(set.resource, true, hasBoundary),
    trust: (set.resource ?? []).some((p) => p.type === 'trust'),
    boundary: group(set.boundary, false, false),
    session: group(set.session, false, false),
    scp: (set.scp ?? []).map((level) => new CompiledGroup(level, { withPrincipal: false, callerHasBoundary: false })),
    rcp: (set.rcp ?? []).map((level) => new CompiledGroup(level, { withPrincipal: false, callerHasBoundary: false })),
    ids: {
      resource: set.resource?.[0]?.id,
      boundary: set.boundary?.[0]?.id,
      session: set.session?.[0]?.id,
      scp: (set.scp ?? []).map((l) => l[0]?.id),
      rcp: (set.rcp ?? []).map((l) => l[0]?.id)
    }
  }
  return { evaluate: (request, options) => decide(g, request, options) }
}

/** Evaluates one request against a policy set (compiles it each time; prefer compilePolicySet). */
export function evaluate(set: PolicySet, request: AuthorizationRequest, options?: EvaluateOptions): EvaluationResult {
  return compilePolicySet(set).evaluate(request, options)
}

function callerOf(request: AuthorizationRequest): CallerIdentity {
  const p = request.principal
  if (p.type !== 'AssumedRole') return { principal: p, roleArn: undefined, roleId: undefined }
  const colon = p.userId?.indexOf(':') ?? -1
  return {
    principal: p,
    roleArn: p.roleArn ?? roleArnFromSession(p.arn),
    roleId: p.userId !== undefined && colon > 0 ? p.userId.slice(0, colon) : undefined
  }
}

const ASSUME_ROLE = /^sts:assumerole(withwebidentity|withsaml)?$/i

const decisionOf = (flags: number): Decision => (flags & DENY ? 'ExplicitDeny' : flags & ALLOW ? 'Allow' : 'ImplicitDeny')

/** Builds the result; the only allocation besides the state on the fast path. */
function finish(
  st: EvalState,
  details: DecisionDetails,
  decision: Decision,
  reason?: DenialReason,
  policyType?: PolicyType,
  policyId?: string
): EvaluationResult {
  const result: EvaluationResult = {
    decision,
    matched: st.matched ?? EMPTY_MATCHED,
    missingContextKeys: st.missing ?? EMPTY_KEYS,
    details
  }
  if (reason) {
    const denial: NonNullable<EvaluationResult['denial']> = { reason }
    if (policyType) denial.policyType = policyType
    if (policyId !== undefined) denial.policyId = policyId
    result.denial = denial
  }
  return result
}

interface DenyBox {
  deny: DenyInfo | undefined
}

function explicitDeny(st: EvalState, details: DecisionDetails, box: DenyBox): EvaluationResult {
  return finish(st, details, 'ExplicitDeny', 'explicit-deny', box.deny?.policyType, box.deny?.policyId)
}

/** Evaluates SCP or RCP levels into `out`; the overall decision, or undefined at an explicit deny on the fast path. */
function evaluateLevels(levels: CompiledGroup[], st: EvalState, box: DenyBox, out: number[]): Decision | undefined {
  let worst: Decision = 'Allow'
  for (const level of levels) {
    const f = level.evaluate(st, undefined, box)
    out.push(f)
    if (f & DENY) {
      if (!st.explain) return undefined
      worst = 'ExplicitDeny'
    } else if (!(f & ALLOW) && worst !== 'ExplicitDeny') worst = 'ImplicitDeny'
  }
  return worst
}

function decide(g: Groups, request: AuthorizationRequest, options: EvaluateOptions | undefined): EvaluationResult {
  const explain = options?.explain !== false
  const st = new EvalState(request, options?.now, explain, options?.deriveContext !== false)
  const p = request.principal
  const external = p.type === 'Service' || p.type === 'Anonymous' || p.federatedProvider !== undefined
  const root = !external && p.type === 'Account'
  const iam = !external && !root
  const box: DenyBox = { deny: undefined }
  const details: DecisionDetails = { identity: 'ImplicitDeny' }

  // 1. Gather every applicable policy's verdict; without explain, stop at the first explicit deny.
  let scpFlags: number[] | undefined
  if (!external && g.scp.length > 0) {
    scpFlags = []
    const d = evaluateLevels(g.scp, st, box, scpFlags)
    details.scp = d ?? 'ExplicitDeny'
    if (d === undefined) return explicitDeny(st, details, box)
  }
  let rcpFlags: number[] | undefined
  if (p.type !== 'Service' && g.rcp.length > 0) {
    rcpFlags = []
    const d = evaluateLevels(g.rcp, st, box, rcpFlags)
    details.rcp = d ?? 'ExplicitDeny'
    if (d === undefined) return explicitDeny(st, details, box)
  }
  let rFlags = 0
  if (g.resource) {
    rFlags = g.resource.evaluate(st, callerOf(request), box)
    details.resource = decisionOf(rFlags)
    if (rFlags & DENY && !explain) return explicitDeny(st, details, box)
  }
  let idFlags = 0
  let bFlags = 0
  let sFlags = 0
  if (iam) {
    idFlags = g.identity.evaluate(st, undefined, box)
    details.identity = decisionOf(idFlags)
    if (idFlags & DENY && !explain) return explicitDeny(st, details, box)
    if (g.boundary) {
      bFlags = g.boundary.evaluate(st, undefined, box)
      details.boundary = decisionOf(bFlags)
      if (bFlags & DENY && !explain) return explicitDeny(st, details, box)
    }
    if (g.session && (p.type === 'AssumedRole' || p.type === 'FederatedUser')) {
      sFlags = g.session.evaluate(st, undefined, box)
      details.session = decisionOf(sFlags)
      if (sFlags & DENY && !explain) return explicitDeny(st, details, box)
    }
  } else if (root) {
    // Identity-based policies do not apply to the account root user.
    details.identity = 'Allow'
  }
  if (box.deny) return explicitDeny(st, details, box)

  // 2. Organizations: every SCP / RCP level must allow.
  if (scpFlags) {
    for (let i = 0; i < scpFlags.length; i++) {
      if (!((scpFlags[i] as number) & ALLOW)) return finish(st, details, 'ImplicitDeny', 'scp', 'scp', g.ids.scp[i])
    }
  }
  if (rcpFlags) {
    for (let i = 0; i < rcpFlags.length; i++) {
      if (!((rcpFlags[i] as number) & ALLOW)) return finish(st, details, 'ImplicitDeny', 'rcp', 'rcp', g.ids.rcp[i])
    }
  }

  // A role's trust policy must always name the caller: AssumeRole* without one is refused.
  const trust = g.trust || (!g.resource && isAssumeRole(request.action))

  // 3a. Services, anonymous and web-identity / SAML callers: only the resource (trust) policy grants.
  if (external) return rFlags & ALLOW ? finish(st, details, 'Allow') : noResourceAllow(st, details, g, trust)

  const sameAccount = request.resourceAccount !== undefined
    ? request.resourceAccount === p.accountId
    : arnAccountIs(request.resource, p.accountId) !== false

  // 3b. The root user has full access in its own account; it cannot assume roles.
  if (root) {
    if (trust) return finish(st, details, 'ImplicitDeny', 'trust', 'trust', g.ids.resource)
    if (sameAccount) return finish(st, details, 'Allow')
    return rFlags & ALLOW ? finish(st, details, 'Allow') : noResourceAllow(st, details, g, trust)
  }

  // 3c. IAM users, role sessions, federated-user sessions.
  const idAllow = (idFlags & ALLOW) !== 0
  const bAllow = !g.boundary || (bFlags & ALLOW) !== 0
  const isSession = p.type === 'AssumedRole' || p.type === 'FederatedUser'
  // A role session without session policies keeps the role's permissions; a federated-user
  // session without one has none (evaluation logic, "Session policies" step).
  const sAllow = !isSession || (g.session ? (sFlags & ALLOW) !== 0 : p.type === 'AssumedRole')
  const identitySide = idAllow && bAllow && sAllow

  if (sameAccount) {
    if (rFlags & ALLOW && rFlags & DIRECT) return finish(st, details, 'Allow')
    if (rFlags & ALLOW && rFlags & ROLE) return bAllow && sAllow ? finish(st, details, 'Allow') : limitedBy(st, details, g, bAllow)
    // A trust policy must name the caller; naming the account delegates to identity policies.
    if (trust && !(rFlags & ACCOUNT)) return finish(st, details, 'ImplicitDeny', 'trust', 'trust', g.ids.resource)
    return identitySide ? finish(st, details, 'Allow') : identityDenial(st, details, g, idAllow, bAllow)
  }
  // Cross-account: the caller's account and the resource's policy must both allow.
  if (!identitySide) return identityDenial(st, details, g, idAllow, bAllow)
  return rFlags & ALLOW ? finish(st, details, 'Allow') : noResourceAllow(st, details, g, trust)
}

function isAssumeRole(action: string): boolean {
  return action.length >= 14 && (action.charCodeAt(0) | 32) === 115 /* s */ && ASSUME_ROLE.test(action)
}

function noResourceAllow(st: EvalState, details: DecisionDetails, g: Groups, trust: boolean): EvaluationResult {
  if (g.resource) return finish(st, details, 'ImplicitDeny', trust ? 'trust' : 'no-resource-allow', trust ? 'trust' : 'resource', g.ids.resource)
  return finish(st, details, 'ImplicitDeny', trust ? 'trust' : 'cross-account')
}

function limitedBy(st: EvalState, details: DecisionDetails, g: Groups, bAllow: boolean): EvaluationResult {
  return !bAllow
    ? finish(st, details, 'ImplicitDeny', 'boundary', 'boundary', g.ids.boundary)
    : finish(st, details, 'ImplicitDeny', 'session', 'session', g.ids.session)
}

function identityDenial(st: EvalState, details: DecisionDetails, g: Groups, idAllow: boolean, bAllow: boolean): EvaluationResult {
  return idAllow ? limitedBy(st, details, g, bAllow) : finish(st, details, 'ImplicitDeny', 'no-identity-allow', 'identity')
}
