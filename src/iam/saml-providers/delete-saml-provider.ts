/**
 * DeleteSAMLProvider (https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteSAMLProvider.html);
 * roles that trust the provider stay, and can no longer be assumed through it.
 */
import { defineOperation } from '../../server/operation.js'
import { requireSamlProvider, samlProviderResource } from './saml-provider-resource.js'

export const deleteSAMLProvider = defineOperation<{ SAMLProviderArn: string }, undefined>({
  service: 'iam',
  name: 'DeleteSAMLProvider',
  resource: samlProviderResource,
  async handler(input, ctx) {
    const p = await requireSamlProvider(ctx, input.SAMLProviderArn)
    await ctx.store.deleteSamlProvider(p.name)
    return undefined
  }
})
