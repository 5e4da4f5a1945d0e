/**
 * EnableOutboundWebIdentityFederation, DisableOutboundWebIdentityFederation and
 * GetOutboundWebIdentityFederationInfo
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_EnableOutboundWebIdentityFederation.html):
 * the account-wide switch for STS GetWebIdentityToken. The first enable makes the account's
 * issuer (a UUID under Warden's own URL) and its signing keys; disabling keeps both, so
 * tokens already issued still verify and a later enable publishes the same issuer.
 * Info answers FeatureDisabled while the feature is off, as FeatureDisabled is its one
 * modeled error (Terraform's AWS provider reads it the same way).
 */
import { generateSigningKeys } from '../../auth/token-signing-keys.js'
import { awsError } from '../../protocol/index.js'
import { defineOperation } from '../../server/operation.js'
import { issuerUrl } from './issuer.js'
import { randomUUID } from 'node:crypto'

// Worded after the model's documentation of each error: AWS publishes no message text.
const ALREADY_ENABLED = 'Outbound identity federation is already enabled for your AWS account.'
const DISABLED = 'Outbound identity federation is disabled for your AWS account.'

export const enableOutboundWebIdentityFederation = defineOperation<Record<string, never>, { IssuerIdentifier: string }>({
  service: 'iam',
  name: 'EnableOutboundWebIdentityFederation',
  async handler(_input, ctx) {
    const existing = await ctx.store.getOutboundFederation()
    if (existing?.enabled) throw awsError('FeatureEnabled', ALREADY_ENABLED)
    const keys = existing ? undefined : { issuerId: randomUUID(), ...(await generateSigningKeys(ctx.keys)) }
    const { record, changed } = await ctx.store.enableOutboundFederation(keys)
    if (!changed) throw awsError('FeatureEnabled', ALREADY_ENABLED)
    return { IssuerIdentifier: issuerUrl(ctx.baseUrl, record.issuerId) }
  }
})

export const disableOutboundWebIdentityFederation = defineOperation<Record<string, never>, undefined>({
  service: 'iam',
  name: 'DisableOutboundWebIdentityFederation',
  async handler(_input, ctx) {
    if (!(await ctx.store.disableOutboundFederation())) throw awsError('FeatureDisabled', DISABLED)
    return undefined
  }
})

export const getOutboundWebIdentityFederationInfo = defineOperation<Record<string, never>, { IssuerIdentifier: string; JwtVendingEnabled: boolean }>({
  service: 'iam',
  name: 'GetOutboundWebIdentityFederationInfo',
  async handler(_input, ctx) {
    const record = await ctx.store.getOutboundFederation()
    if (!record?.enabled) throw awsError('FeatureDisabled', DISABLED)
    return { IssuerIdentifier: issuerUrl(ctx.baseUrl, record.issuerId), JwtVendingEnabled: true }
  }
})
