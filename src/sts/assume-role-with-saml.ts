/**
 * AssumeRoleWithSAML (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithSAML.html):
 * unsigned, as on AWS; the IdP's signed SAML response is the credential. PrincipalArn
 * names the account's SAML provider, whose metadata certificates verify the response
 * (saml/verify-response.ts); the assertion's Role attribute must offer the pair
 * RoleArn,PrincipalArn; then the role's trust policy decides for the principal
 * `Federated: <provider ARN>` with the saml:* condition keys. Encrypted assertions are not
 * supported: a provider with AssertionEncryptionMode Required cannot be used.
 */
import { findSamlProvider } from '../iam/saml-providers/saml-provider-resource.js'
import { awsError } from '../protocol/index.js'
import { defineOperation } from '../server/operation.js'
import { federatedRole, startFederatedSession } from './federated-session.js'
import { nameQualifierOf, roleAllowed, samlContext, sessionNameOf, sessionTagsOf, sourceIdentityOf, subjectTypeOf } from './saml/saml-attributes.js'
import { verifySamlResponse } from './saml/verify-response.js'

interface AssumeRoleWithSAMLInput {
  RoleArn: string
  PrincipalArn: string
  SAMLAssertion: string
  PolicyArns?: { arn?: string }[]
  Policy?: string
  DurationSeconds?: number
}

const ACTION = 'sts:AssumeRoleWithSAML'

export const assumeRoleWithSAML = defineOperation({
  service: 'sts',
  name: 'AssumeRoleWithSAML',
  allowUnsigned: true,
  // The assertion and the role's trust policy decide, not the caller's own policies.
  skipAuthorization: true,
  handler: async (input: AssumeRoleWithSAMLInput, ctx) => {
    const denied = () => awsError('AccessDenied', `Not authorized to perform ${ACTION}`)
    const trusted = await federatedRole(ctx, input.RoleArn)
    const provider = await findSamlProvider(ctx, input.PrincipalArn)
    if (!provider) throw awsError('InvalidIdentityToken', "Specified provider doesn't exist")
    const { assertion, recipient } = verifySamlResponse(input.SAMLAssertion, provider, ctx.now)
    const sessionName = sessionNameOf(assertion)
    const sourceIdentity = sourceIdentityOf(assertion)
    const sessionTags = sessionTagsOf(assertion)
    if (!roleAllowed(assertion, input.RoleArn, input.PrincipalArn)) throw denied()
    const { out } = await startFederatedSession(ctx, {
      action: ACTION,
      trusted,
      providerArn: provider.arn,
      sessionName,
      durationSeconds: input.DurationSeconds,
      Policy: input.Policy,
      PolicyArns: input.PolicyArns,
      context: samlContext(assertion, recipient, ctx.accountId, provider.name),
      sessionTags,
      sourceIdentity,
      denied
    })
    const issuer = assertion.issuer ?? ''
    const result: Record<string, unknown> = Object.assign({}, out, { Issuer: issuer, Audience: recipient, NameQualifier: nameQualifierOf(issuer, ctx.accountId, provider.name) })
    if (assertion.subject !== undefined) result.Subject = assertion.subject
    const subjectType = subjectTypeOf(assertion)
    if (subjectType !== undefined) result.SubjectType = subjectType
    return result
  }
})
