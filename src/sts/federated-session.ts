/**
 * What AssumeRoleWithWebIdentity and AssumeRoleWithSAML share once the token or assertion
 * is verified: finding the role, the trust decision for the federated principal (the
 * provider, as `Federated` names it) with the provider's claims as condition keys, session
 * tags and source identity, and minting the role session.
 */
import { usageRecorderFor } from '../auth/usage-recorder.js'
import type { ContextValue, RequestPrincipal } from '../eval/index.js'
import { awsError, type AwsError } from '../protocol/index.js'
import type { OperationContext } from '../server/operation.js'
import type { RoleRecord } from '../store/index.js'
import { mintCredentials } from './credentials.js'
import { assumedRoleUser, checkRoleDuration, checkSessionPolicies, parseRoleArn, type SessionPolicyInput } from './role-session.js'
import { loadTrustedRole, type TrustedRole } from './trusted-role.js'

/** The role a federated request names, or undefined when it is not a role of this account. */
export async function federatedRole(ctx: OperationContext, roleArn: string): Promise<TrustedRole | undefined> {
  const arn = parseRoleArn(roleArn)
  if (!arn) throw awsError('ValidationError', `${roleArn} is invalid`)
  const trusted = arn.account === ctx.accountId ? await loadTrustedRole(ctx.store, arn.name) : undefined
  return trusted && trusted.role.path === arn.path && trusted.role.name === arn.name ? trusted : undefined
}

/** Session tags a provider passes in its token or assertion. */
export interface ProviderSessionTags {
  tags: Record<string, string>
  transitiveTagKeys: string[]
}

export interface FederatedSessionRequest extends SessionPolicyInput {
  action: 'sts:AssumeRoleWithWebIdentity' | 'sts:AssumeRoleWithSAML'
  trusted: TrustedRole | undefined
  providerArn: string
  sessionName: string
  durationSeconds?: number
  /** The provider's condition keys (`<provider>:sub`, `saml:aud`, ...). */
  context: Record<string, ContextValue>
  sessionTags?: ProviderSessionTags
  sourceIdentity?: string
  /** The AccessDenied error this operation answers a refusal with. */
  denied: () => AwsError
}

/** Authorizes the federated principal by the role's trust policy and mints the session; returns Credentials, AssumedRoleUser and PackedPolicySize. */
export async function startFederatedSession(ctx: OperationContext, r: FederatedSessionRequest): Promise<{ role: RoleRecord; out: Record<string, unknown> }> {
  if (!r.trusted?.trust) throw r.denied()
  const role = r.trusted.role
  const duration = checkRoleDuration(r.durationSeconds, role)
  const tagList = Object.entries(r.sessionTags?.tags ?? {}).map(([Key, Value]) => ({ Key, Value }))
  const packed = checkSessionPolicies({ Policy: r.Policy, PolicyArns: r.PolicyArns, Tags: tagList })
  const session = assumedRoleUser(ctx.accountId, role, r.sessionName)
  const principal: RequestPrincipal = { arn: session.Arn, accountId: '', type: 'Anonymous', federatedProvider: r.providerArn }
  const context: Record<string, ContextValue> = Object.assign({}, r.context, { 'sts:RoleSessionName': r.sessionName })
  if (tagList.length > 0) {
    for (const t of tagList) context[`aws:RequestTag/${t.Key}`] = t.Value
    context['aws:TagKeys'] = tagList.map((t) => t.Key)
  }
  if (r.sourceIdentity !== undefined) context['sts:SourceIdentity'] = r.sourceIdentity
  const trust = [{ id: `${role.arn}/trust`, type: 'trust' as const, policy: r.trusted.trust }]
  try {
    await ctx.authorizeAs(principal, r.action, role.arn, context, trust)
    if (tagList.length > 0) await ctx.authorizeAs(principal, 'sts:TagSession', role.arn, context, trust)
    if (r.sourceIdentity !== undefined) await ctx.authorizeAs(principal, 'sts:SetSourceIdentity', role.arn, context, trust)
  } catch {
    throw r.denied()
  }
  const { Credentials } = mintCredentials(ctx, duration, {
    kind: 'assumed-role',
    roleId: role.id,
    roleArn: role.arn,
    sessionName: r.sessionName,
    federatedProvider: r.providerArn,
    ...(r.Policy !== undefined ? { policy: r.Policy } : {}),
    ...(r.PolicyArns?.length ? { policyArns: r.PolicyArns.map((p) => p.arn ?? '') } : {}),
    ...(tagList.length > 0 ? { tags: r.sessionTags!.tags } : {}),
    ...(r.sessionTags?.transitiveTagKeys.length ? { transitiveTagKeys: r.sessionTags.transitiveTagKeys } : {}),
    ...(r.sourceIdentity !== undefined ? { sourceIdentity: r.sourceIdentity } : {})
  })
  usageRecorderFor(ctx.store).roleUsed(role, ctx.now, ctx.region)
  const out: Record<string, unknown> = { Credentials, AssumedRoleUser: session }
  if (packed !== undefined) out.PackedPolicySize = packed
  if (r.sourceIdentity !== undefined) out.SourceIdentity = r.sourceIdentity
  return { role, out }
}
