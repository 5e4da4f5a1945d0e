/**
 * AssumeRoleWithWebIdentity (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html):
 * unsigned, as on AWS; the OpenID Connect ID token is the credential. The token is verified
 * against the account's OpenID Connect provider its issuer names (web-identity/), then the
 * role's trust policy decides for the principal `Federated: <provider ARN>` with the
 * condition keys `<provider>:sub`, `:aud` and the others claim-keys.ts lists. Only OpenID Connect ID tokens are verified: OAuth 2.0 access tokens (ProviderId
 * www.amazon.com, graph.facebook.com) need those providers' own services.
 */
import { awsError } from '../protocol/index.js'
import { defineOperation } from '../server/operation.js'
import { federatedRole, startFederatedSession } from './federated-session.js'
import { claimContext } from './web-identity/claim-keys.js'
import { jwksCache } from './web-identity/jwks.js'
import { sourceIdentityFromClaims, tagsFromClaims } from './web-identity/session-claims.js'
import { verifyWebIdentityToken } from './web-identity/verify-token.js'

interface AssumeRoleWithWebIdentityInput {
  RoleArn: string
  RoleSessionName: string
  WebIdentityToken: string
  ProviderId?: string
  PolicyArns?: { arn?: string }[]
  Policy?: string
  DurationSeconds?: number
}

const ACTION = 'sts:AssumeRoleWithWebIdentity'

export const assumeRoleWithWebIdentity = defineOperation({
  service: 'sts',
  name: 'AssumeRoleWithWebIdentity',
  allowUnsigned: true,
  // The token and the role's trust policy decide, not the caller's own policies.
  skipAuthorization: true,
  handler: async (input: AssumeRoleWithWebIdentityInput, ctx) => {
    if (input.ProviderId !== undefined) {
      throw awsError('InvalidIdentityToken', `Warden verifies OpenID Connect ID tokens only: OAuth 2.0 access tokens of ${input.ProviderId} (ProviderId) cannot be checked here.`)
    }
    const trusted = await federatedRole(ctx, input.RoleArn)
    const verified = await verifyWebIdentityToken(input.WebIdentityToken, ctx.store, jwksCache, ctx.now)
    const { provider, claims, audience, subject } = verified
    const { out } = await startFederatedSession(ctx, {
      action: ACTION,
      trusted,
      providerArn: provider.arn,
      sessionName: input.RoleSessionName,
      durationSeconds: input.DurationSeconds,
      Policy: input.Policy,
      PolicyArns: input.PolicyArns,
      context: await claimContext(provider.name, claims, audience, subject),
      sessionTags: tagsFromClaims(claims),
      sourceIdentity: sourceIdentityFromClaims(claims),
      denied: () => awsError('AccessDenied', `Not authorized to perform ${ACTION}`)
    })
    return Object.assign({}, out, { SubjectFromWebIdentityToken: subject, Audience: audience, Provider: provider.arn })
  }
})
