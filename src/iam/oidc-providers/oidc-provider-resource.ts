/** Resolving OpenID Connect provider ARNs for handlers: the provider, or AWS's NoSuchEntity. */
import type { OperationContext } from '../../server/operation.js'
import type { OidcProviderRecord } from '../../store/index.js'
import { iamError } from '../shared/errors.js'

const PREFIX = ':oidc-provider/'

/** AWS's NoSuchEntity message for an OpenID Connect provider ARN. */
export function noSuchOidcProviderMessage(arn: string): string {
  return `OpenIDConnect Provider not found for arn ${arn}`
}

/** The provider name an ARN of this account names, or undefined. */
export function oidcProviderName(ctx: OperationContext, arn: string): string | undefined {
  const head = `arn:aws:iam::${ctx.accountId}${PREFIX}`
  return arn.startsWith(head) && arn.length > head.length ? arn.slice(head.length) : undefined
}

/** The provider with this ARN, or undefined. */
export async function findOidcProvider(ctx: OperationContext, arn: string): Promise<OidcProviderRecord | undefined> {
  const name = oidcProviderName(ctx, arn)
  return name === undefined ? undefined : ctx.store.getOidcProvider(name)
}

/** The provider with this ARN, or AWS's NoSuchEntity. */
export async function requireOidcProvider(ctx: OperationContext, arn: string): Promise<OidcProviderRecord> {
  const provider = await findOidcProvider(ctx, arn)
  if (provider === undefined) throw iamError('NoSuchEntity', noSuchOidcProviderMessage(arn))
  return provider
}

/** The resource an operation on a provider ARN is authorized on: the ARN as given. */
export function oidcProviderResource(input: { OpenIDConnectProviderArn: string }): string {
  return input.OpenIDConnectProviderArn
}
