/**
 * GetWebIdentityToken (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetWebIdentityToken.html):
 * a JWT asserting the caller's identity, signed with the account's outbound federation keys
 * and verifiable through the issuer's OIDC discovery document and JWKS, which Warden serves
 * itself (src/server/oidc-routes.ts). Authorized as `sts:GetWebIdentityToken` on `*` with
 * `sts:IdentityTokenAudience`, `sts:DurationSeconds`, `sts:SigningAlgorithm` and the request
 * tags; refused while the account has the feature disabled. Claims are those of the IAM User
 * Guide's "Understanding token claims" that exist in Warden (no Organizations, no compute
 * session context).
 */
import { randomUUID } from 'node:crypto'
import { isTokenSigningAlgorithm, openSigningKeys, signJwt, TOKEN_SIGNING_ALGORITHMS } from '../auth/token-signing-keys.js'
import type { ContextValue } from '../eval/index.js'
import { issuerUrl } from '../iam/outbound-federation/index.js'
import { awsError } from '../protocol/index.js'
import { defineOperation, type Caller, type OperationContext } from '../server/operation.js'

interface GetWebIdentityTokenInput {
  Audience: string[]
  DurationSeconds?: number
  SigningAlgorithm: string
  Tags?: { Key: string; Value: string }[]
}

/** AWS's default token lifetime: five minutes. */
const DEFAULT_SECONDS = 300
/** The namespace AWS nests its own claims under. */
export const STS_CLAIMS_NAMESPACE = 'https://sts.amazonaws.com/'

/** The request's condition keys; the duration is the one the token gets (the default when none is asked for). */
function conditionContext(input: GetWebIdentityTokenInput): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {
    'sts:IdentityTokenAudience': input.Audience,
    'sts:DurationSeconds': String(input.DurationSeconds ?? DEFAULT_SECONDS),
    'sts:SigningAlgorithm': input.SigningAlgorithm
  }
  if (input.Tags?.length) {
    for (const t of input.Tags) context[`aws:RequestTag/${t.Key}`] = t.Value
    context['aws:TagKeys'] = input.Tags.map((t) => t.Key)
  }
  return context
}

/** The ARN of the principal that asks: a role session is its role, as in AWS's sample token. */
function subjectOf(caller: Caller): string {
  return caller.kind === 'assumed-role' && caller.session?.roleArn !== undefined ? caller.session.roleArn : caller.arn
}

/** Tags of the principal: a session's tags when it has any, else the user's or role's own. */
async function principalTags(ctx: OperationContext): Promise<Record<string, string>> {
  const c = ctx.caller
  if (c.session?.tags && Object.keys(c.session.tags).length) return c.session.tags
  if (c.kind === 'assumed-role' && c.session?.roleArn !== undefined) {
    return (await ctx.policySets.load('role', c.session.roleArn.slice(c.session.roleArn.lastIndexOf('/') + 1)))?.tags ?? {}
  }
  return c.userName !== undefined ? ((await ctx.policySets.load('user', c.userName))?.tags ?? {}) : {}
}

const isoSeconds = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')

export const getWebIdentityToken = defineOperation({
  service: 'sts',
  name: 'GetWebIdentityToken',
  conditionContext,
  handler: async (input: GetWebIdentityTokenInput, ctx) => {
    const alg = input.SigningAlgorithm
    if (!isTokenSigningAlgorithm(alg)) {
      throw awsError('ValidationError', `1 validation error detected: Value '${alg}' at 'signingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [${TOKEN_SIGNING_ALGORITHMS.join(', ')}]`)
    }
    const tagKeys = (input.Tags ?? []).map((t) => t.Key.toLowerCase())
    if (new Set(tagKeys).size !== tagKeys.length) throw awsError('InvalidParameterValue', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.')
    const record = await ctx.store.getOutboundFederation()
    if (!record?.enabled) throw awsError('OutboundWebIdentityFederationDisabledException', 'The outbound web identity federation feature is not enabled for this account.')
    const iat = Math.floor(ctx.now.getTime() / 1000)
    const exp = iat + (input.DurationSeconds ?? DEFAULT_SECONDS)
    const session = ctx.caller.session
    if (session && exp > session.expiresAt) {
      throw awsError('SessionDurationEscalationException', 'The requested token duration would extend the session beyond its original expiration time.')
    }
    const signing = openSigningKeys(ctx.keys, record)
    if (!signing) throw new Error('the token signing keys in the database cannot be opened with this master key')

    const aws: Record<string, unknown> = { aws_account: ctx.accountId, source_region: ctx.region }
    const tags = await principalTags(ctx)
    if (Object.keys(tags).length) aws.principal_tags = tags
    if (session?.sourceIdentity !== undefined) aws.source_identity = session.sourceIdentity
    if (session?.federatedProvider !== undefined) aws.federated_provider = session.federatedProvider
    if (ctx.caller.kind === 'assumed-role' && session) aws.original_session_exp = isoSeconds(session.expiresAt)
    if (input.Tags?.length) aws.request_tags = Object.fromEntries(input.Tags.map((t) => [t.Key, t.Value]))
    const claims = {
      iss: issuerUrl(ctx.baseUrl, record.issuerId),
      aud: input.Audience.length === 1 ? input.Audience[0] : input.Audience,
      sub: subjectOf(ctx.caller),
      iat,
      exp,
      jti: randomUUID(),
      [STS_CLAIMS_NAMESPACE]: aws
    }
    return { WebIdentityToken: signJwt(signing, alg, claims), Expiration: new Date(exp * 1000) }
  }
})
