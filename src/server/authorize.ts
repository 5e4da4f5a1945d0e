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
  type PolicyInput
} from '../eval/index.js'
import { getAwsManagedPolicy } from '../catalog/index.js'
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
const sessionSets = createLruCache<string, { base: CompiledPolicySet; compiled: CompiledPolicySet }>(4096)
const EMPTY = compilePolicySet({ identity: [] })

async function sessionPolicies(caller: Caller): Promise<PolicyInput[] | undefined> {
  const s = caller.session
  if (!s || (s.policy === undefined && (s.policyArns?.length ?? 0) === 0)) return undefined
  const out: PolicyInput[] = []
  if (s.policy !== undefined) {
    const p = parsedDocument(s.policy, 'session')
    if (p) out.push({ id: 'session-policy', type: 'session', policy: p })
  }
  for (const arn of s.policyArns ?? []) {
    const m = await getAwsManagedPolicy(arn)
    const p = m ? parsedDocument(JSON.stringify(m.document), 'session') : undefined
    if (p) out.push({ id: arn, type: 'session', policy: p })
  }
  // A session with session policies that parse to nothing allows nothing.
  return out
}

/** The uncompiled policies that govern this caller (for AssumeRole, which adds the trust policy). */
export async function policyInputsFor(caller: Caller, cache: PolicySetCache): Promise<{ identity: PolicyInput[]; boundary: PolicyInput[]; session?: PolicyInput[] }> {
  if (caller.kind === 'root' || (caller.kind === 'session-user' && caller.userName === undefined)) return { identity: [], boundary: [] }
  if (caller.kind === 'user' || caller.kind === 'session-user') return (await cache.load('user', caller.userName!))?.inputs ?? { identity: [], boundary: [] }
  const role = await roleOf(caller, cache)
  if (!role) return { identity: [], boundary: [] }
  const session = await sessionPolicies(caller)
  return session ? { ...role.inputs, session } : role.inputs
}

async function roleOf(caller: Caller, cache: PolicySetCache) {
  const roleArn = caller.session?.roleArn
  return roleArn ? cache.load('role', roleArn.slice(roleArn.lastIndexOf('/') + 1)) : undefined
}

/** The compiled policy set that governs this caller. */
async function policySetFor(caller: Caller, cache: PolicySetCache): Promise<CompiledPolicySet> {
  if (caller.kind === 'root' || (caller.kind === 'session-user' && caller.userName === undefined)) return EMPTY
  if (caller.kind === 'user' || caller.kind === 'session-user') return (await cache.load('user', caller.userName!))?.compiled ?? EMPTY
  const role = await roleOf(caller, cache)
  if (!role) return EMPTY
  const session = await sessionPolicies(caller)
  if (!session) return role.compiled
  // A session's policies never change; the role's do, and then its compiled set is a new object.
  const hit = sessionSets.get(caller.accessKeyId)
  if (hit && hit.base === role.compiled) return hit.compiled
  const compiled = compilePolicySet({ identity: role.inputs.identity, boundary: role.inputs.boundary.length ? role.inputs.boundary : undefined, session })
  sessionSets.set(caller.accessKeyId, { base: role.compiled, compiled })
  return compiled
}

/** Principal tags of the caller: session tags for role sessions, the user's tags for users. */
async function principalTags(caller: Caller, cache: PolicySetCache): Promise<Record<string, string> | undefined> {
  if (caller.kind === 'assumed-role') return caller.session?.tags
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
  let set: CompiledPolicySet
  if (resourcePolicies) {
    const inputs = await policyInputsFor(caller, cache)
    set = compilePolicySet({ identity: inputs.identity, boundary: inputs.boundary.length ? inputs.boundary : undefined, session: inputs.session, resource: resourcePolicies })
  } else set = await policySetFor(caller, cache)
  const tags = await principalTags(caller, cache)
  const principal = tags && Object.keys(tags).length ? { ...caller.principal, tags } : caller.principal
  const context: Record<string, ContextValue> = {
    'aws:SourceIp': facts.sourceIp,
    'aws:SecureTransport': facts.secureTransport ? 'true' : 'false',
    'aws:RequestedRegion': facts.region,
    ...extra
  }
  const s = caller.session
  if (s) {
    context['aws:TokenIssueTime'] = new Date(s.issuedAt * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
    context['aws:MultiFactorAuthPresent'] = s.mfaAuthenticatedAt !== undefined ? 'true' : 'false'
    if (s.mfaAuthenticatedAt !== undefined) context['aws:MultiFactorAuthAge'] = String(Math.max(0, Math.floor(facts.now.getTime() / 1000) - s.mfaAuthenticatedAt))
    if (s.sourceIdentity !== undefined) context['aws:SourceIdentity'] = s.sourceIdentity
  }
  // Warden holds one account: its resources, and AWS managed policies (account `aws`), are all in-account.
  const request: AuthorizationRequest = { principal, action, resource, resourceAccount: caller.accountId, context }
  const result = set.evaluate(request, { now: facts.now, explain: false })
  if (result.decision === 'Allow') return 'Allow'
  throw awsError('AccessDenied', formatAccessDenied(resourceLabel ? { ...request, resource: resourceLabel } : request, result))
}
