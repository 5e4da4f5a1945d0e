/**
 * Authorization of a caller's request through the engine: root, IAM users (own, group and
 * boundary policies), role sessions (the role's policies and boundary, and the session
 * policies from the token). The compiled sets come from the PolicySetCache.
 */
import {
  compilePolicySet,
  createLruCache,
  formatAccessDenied,
  type AuthorizationRequest,
  type CompiledPolicySet,
  type ContextValue,
  type PolicyInput,
  type RequestPrincipal
} from '../eval/index.js'
import { parsePolicy, type Policy } from '../policy/index.js'
import { awsError } from '../protocol/index.js'
import { parsedDocument, type PolicySetCache } from './policy-sets.js'
import type { Caller } from './operation.js'

export interface RequestFacts {
  now: Date
  sourceIp: string
  secureTransport: boolean
  region: string
}

/** Per session key: the role's compiled set it was built on, and the set with the session policies added. */
const sessionSets = createLruCache<string, CallerPolicies & { base: CompiledPolicySet }>(4096)
/** A caller's set joined with a resource policy (AssumeRole's trust policy), per parsed trust document. */
const withResource = new WeakMap<CompiledPolicySet, WeakMap<Policy, CompiledPolicySet>>()
const EMPTY = compilePolicySet({ identity: [] })
/** A resource-policy-only set (a trust policy for a web identity or SAML user), per parsed document. */
const resourceOnly = new WeakMap<Policy, CompiledPolicySet>()
/**
 * The root user's identity side for its GetFederationToken sessions: root may do anything,
 * so such a session has exactly what its session policies allow.
 */
const ROOT_IDENTITY: PolicyInput[] = [{
  id: 'root',
  type: 'identity',
  policy: parsePolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}', { kind: 'identity' }).policy!
}]
const ROOT_POLICIES: CallerPolicies = { compiled: compilePolicySet({ identity: ROOT_IDENTITY }), inputs: { identity: ROOT_IDENTITY, boundary: [] } }

async function sessionPolicies(caller: Caller, cache: PolicySetCache): Promise<PolicyInput[] | undefined> {
  const s = caller.session
  if (!s || (s.policy === undefined && (s.policyArns?.length ?? 0) === 0)) return undefined
  const out: PolicyInput[] = []
  if (s.policy !== undefined) {
    const p = parsedDocument(s.policy, 'session')
    if (p) out.push({ id: 'session-policy', type: 'session', policy: p })
  }
  for (const arn of s.policyArns ?? []) {
    const text = await cache.managedPolicyDocument(arn)
    const p = text !== undefined ? parsedDocument(text, 'session') : undefined
    if (p) out.push({ id: arn, type: 'session', policy: p })
  }
  // A session whose session policies resolve to nothing allows nothing.
  return out
}

async function roleOf(caller: Caller, cache: PolicySetCache) {
  const roleArn = caller.session?.roleArn
  return roleArn ? cache.load('role', roleArn.slice(roleArn.lastIndexOf('/') + 1)) : undefined
}

/** The policies of one caller: its compiled set, and the inputs it was compiled from. */
interface CallerPolicies {
  compiled: CompiledPolicySet
  inputs: { identity: PolicyInput[]; boundary: PolicyInput[]; session?: PolicyInput[] }
}

const NONE: CallerPolicies = { compiled: EMPTY, inputs: { identity: [], boundary: [] } }

/** The compiled policy set that governs this caller (root and root sessions: none, the engine allows root). */
async function policiesFor(caller: Caller, cache: PolicySetCache): Promise<CallerPolicies> {
  if (caller.kind === 'anonymous' || caller.kind === 'root' || (caller.kind === 'session-user' && caller.userName === undefined)) return NONE
  if (caller.kind === 'user' || caller.kind === 'session-user') return (await cache.load('user', caller.userName!)) ?? NONE
  // Role sessions rest on the role's policies; federated users and delegated sessions on their IAM user's (or root's).
  const s = caller.session
  const base = caller.kind === 'federated-user' || caller.kind === 'delegated'
    ? s?.userName !== undefined ? await cache.load('user', s.userName) : ROOT_POLICIES
    : await roleOf(caller, cache)
  if (!base) return NONE
  if (!s || (s.policy === undefined && (s.policyArns?.length ?? 0) === 0)) return base
  // The base's compiled set is a new object whenever the store revision moves, so a hit
  // on the same base is current; session policies themselves never change.
  const hit = sessionSets.get(caller.accessKeyId)
  if (hit && hit.base === base.compiled) return hit
  const session = await sessionPolicies(caller, cache)
  const inputs = Object.assign({}, base.inputs, { session })
  const compiled = compilePolicySet({ identity: inputs.identity, boundary: inputs.boundary.length ? inputs.boundary : undefined, session })
  const entry = { base: base.compiled, compiled, inputs }
  sessionSets.set(caller.accessKeyId, entry)
  return entry
}

/** The caller's set joined with resource policies, compiled once per (caller set, parsed documents). */
function joinResourcePolicies(own: CallerPolicies, resourcePolicies: PolicyInput[]): CompiledPolicySet {
  const only = resourcePolicies.length === 1 ? resourcePolicies[0]!.policy : undefined
  let perDoc = withResource.get(own.compiled)
  const hit = only ? perDoc?.get(only) : undefined
  if (hit) return hit
  const { identity, boundary, session } = own.inputs
  const compiled = compilePolicySet({ identity, boundary: boundary.length ? boundary : undefined, session, resource: resourcePolicies })
  if (only) {
    if (!perDoc) withResource.set(own.compiled, (perDoc = new WeakMap()))
    perDoc.set(only, compiled)
  }
  return compiled
}

/** Principal tags of the caller: session tags for role sessions, the user's tags for users. */
async function principalTags(caller: Caller, cache: PolicySetCache): Promise<Record<string, string> | undefined> {
  if (caller.kind === 'assumed-role' || caller.kind === 'federated-user') return caller.session?.tags
  if (caller.userName !== undefined) return (await cache.load('user', caller.userName))?.tags
  return undefined
}

/**
 * Decides one action on one resource for the caller; throws AccessDenied (403) with AWS's
 * text when denied. `resourcePolicies` (a role's trust policy for AssumeRole) are evaluated
 * with the caller's own policies. `resourceLabel` replaces the ARN in the denial text.
 */
export async function authorizeCall(
  caller: Caller,
  action: string,
  resource: string,
  extra: Record<string, ContextValue> | undefined,
  facts: RequestFacts,
  cache: PolicySetCache,
  resourcePolicies?: PolicyInput[],
  resourceLabel?: string
): Promise<'Allow'> {
  const own = await policiesFor(caller, cache)
  const set = resourcePolicies ? joinResourcePolicies(own, resourcePolicies) : own.compiled
  const tags = await principalTags(caller, cache)
  // Object.assign rather than a spread followed by a property: see src/sts/credentials.ts.
  const principal = tags && Object.keys(tags).length ? Object.assign({}, caller.principal, { tags }) : caller.principal
  const context: Record<string, ContextValue> = {
    'aws:SourceIp': facts.sourceIp,
    'aws:SecureTransport': facts.secureTransport ? 'true' : 'false',
    'aws:RequestedRegion': facts.region
  }
  const s = caller.session
  if (s) {
    context['aws:TokenIssueTime'] = new Date(s.issuedAt * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
    context['aws:MultiFactorAuthPresent'] = s.mfaAuthenticatedAt !== undefined ? 'true' : 'false'
    if (s.mfaAuthenticatedAt !== undefined) context['aws:MultiFactorAuthAge'] = String(Math.max(0, Math.floor(facts.now.getTime() / 1000) - s.mfaAuthenticatedAt))
    if (s.sourceIdentity !== undefined) context['aws:SourceIdentity'] = s.sourceIdentity
    if (s.federatedProvider !== undefined) context['aws:FederatedProvider'] = s.federatedProvider
  }
  // Last, so a handler's keys win: AssumeRole with a fresh MFA code presents MFA even from a session without it.
  if (extra) Object.assign(context, extra)
  // Warden holds one account: its resources, and AWS managed policies (account `aws`), are all in-account.
  const request: AuthorizationRequest = { principal, action, resource, resourceAccount: caller.accountId, context }
  const result = set.evaluate(request, { now: facts.now, explain: false })
  if (result.decision === 'Allow') return 'Allow'
  throw awsError('AccessDenied', formatAccessDenied(resourceLabel ? Object.assign({}, request, { resource: resourceLabel }) : request, result))
}

/**
 * Decides one action for a principal that has no identity policies of its own (a web
 * identity or SAML user), by the given resource policies alone; throws AccessDenied (403)
 * with AWS's text when denied.
 */
export function authorizeExternal(
  principal: RequestPrincipal,
  action: string,
  resource: string,
  extra: Record<string, ContextValue>,
  facts: RequestFacts,
  resourcePolicies: PolicyInput[]
): 'Allow' {
  const only = resourcePolicies.length === 1 ? resourcePolicies[0]!.policy : undefined
  let set = only ? resourceOnly.get(only) : undefined
  if (!set) {
    set = compilePolicySet({ identity: [], resource: resourcePolicies })
    if (only) resourceOnly.set(only, set)
  }
  const context: Record<string, ContextValue> = {
    'aws:SourceIp': facts.sourceIp,
    'aws:SecureTransport': facts.secureTransport ? 'true' : 'false',
    'aws:RequestedRegion': facts.region,
    ...extra
  }
  const request: AuthorizationRequest = { principal, action, resource, context }
  const result = set.evaluate(request, { now: facts.now, explain: false })
  if (result.decision === 'Allow') return 'Allow'
  throw awsError('AccessDenied', formatAccessDenied(request, result))
}
