/** Resolving SAML provider ARNs for handlers, and the provider's response shapes. */
import type { OperationContext } from '../../server/operation.js'
import type { SamlProviderRecord } from '../../store/index.js'
import { iamError } from '../shared/errors.js'

/** AWS's NoSuchEntity message for a SAML provider ARN ("Manifest" is IAM's word for the metadata). */
export function noSuchSamlProviderMessage(arn: string): string {
  return `Manifest not found for arn ${arn}`
}

/** The provider name an ARN of this account names, or undefined. */
export function samlProviderName(ctx: OperationContext, arn: string): string | undefined {
  const head = `arn:aws:iam::${ctx.accountId}:saml-provider/`
  const name = arn.startsWith(head) ? arn.slice(head.length) : ''
  return /^[\w.-]{1,128}$/.test(name) ? name : undefined
}

/** The provider with this ARN, or undefined. */
export async function findSamlProvider(ctx: OperationContext, arn: string): Promise<SamlProviderRecord | undefined> {
  const name = samlProviderName(ctx, arn)
  return name === undefined ? undefined : ctx.store.getSamlProvider(name)
}

/** The provider with this ARN, or AWS's NoSuchEntity. */
export async function requireSamlProvider(ctx: OperationContext, arn: string): Promise<SamlProviderRecord> {
  const provider = await findSamlProvider(ctx, arn)
  if (provider === undefined) throw iamError('NoSuchEntity', noSuchSamlProviderMessage(arn))
  return provider
}

/** The resource an operation on a provider ARN is authorized on: the ARN as given. */
export function samlProviderResource(input: { SAMLProviderArn: string }): string {
  return input.SAMLProviderArn
}
