/**
 * GetFederationToken (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html):
 * a federated user session for an IAM user's (or root's) long-term credentials. The
 * session may do what both the user's policies and the session policies allow (without
 * session policies, nothing); it may call no IAM operation and of STS only
 * GetCallerIdentity (server/credentials.ts).
 */
import { awsError } from '../protocol/index.js'
import { defineOperation } from '../server/operation.js'
import { mintCredentials } from './credentials.js'
import { checkSessionPolicies } from './role-session.js'

interface GetFederationTokenInput {
  Name: string
  Policy?: string
  PolicyArns?: { arn?: string }[]
  DurationSeconds?: number
  Tags?: { Key: string; Value: string }[]
}

const DEFAULT_SECONDS = 43_200
/** Root's federation sessions last an hour at most: a longer request gets an hour. */
const ROOT_MAX_SECONDS = 3600
const MAX_POLICY_ARNS = 10

export const getFederationToken = defineOperation({
  service: 'sts',
  name: 'GetFederationToken',
  // Session credentials are refused before any policy is consulted; the handler authorizes.
  skipAuthorization: true,
  handler: async (input: GetFederationTokenInput, ctx) => {
    const c = ctx.caller
    if (c.kind !== 'user' && c.kind !== 'root') throw awsError('AccessDenied', 'Cannot call GetFederationToken with session credentials')
    if ((input.PolicyArns?.length ?? 0) > MAX_POLICY_ARNS) {
      throw awsError('ValidationError', `1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to ${MAX_POLICY_ARNS}`)
    }
    const packed = checkSessionPolicies(input)
    const arn = `arn:aws:sts::${ctx.accountId}:federated-user/${input.Name}`
    const context: Record<string, string | string[]> = {}
    if (input.Tags?.length) {
      for (const t of input.Tags) context[`aws:RequestTag/${t.Key}`] = t.Value
      context['aws:TagKeys'] = input.Tags.map((t) => t.Key)
    }
    await ctx.authorize('sts:GetFederationToken', arn, context)
    if (input.Tags?.length) await ctx.authorize('sts:TagSession', arn, context)
    const root = c.kind === 'root'
    const duration = root ? Math.min(input.DurationSeconds ?? DEFAULT_SECONDS, ROOT_MAX_SECONDS) : input.DurationSeconds ?? DEFAULT_SECONDS
    const tags = Object.fromEntries((input.Tags ?? []).map((t) => [t.Key, t.Value]))
    const { Credentials } = mintCredentials(ctx, duration, {
      kind: 'federated-user',
      federatedName: input.Name,
      ...(root ? {} : { userId: c.userId, userName: c.userName, userArn: c.arn }),
      ...(input.Policy !== undefined ? { policy: input.Policy } : {}),
      ...(input.PolicyArns?.length ? { policyArns: input.PolicyArns.map((p) => p.arn ?? '') } : {}),
      ...(input.Tags?.length ? { tags } : {})
    })
    const out: Record<string, unknown> = { Credentials, FederatedUser: { FederatedUserId: `${ctx.accountId}:${input.Name}`, Arn: arn } }
    if (packed !== undefined) out.PackedPolicySize = packed
    return out
  }
})
