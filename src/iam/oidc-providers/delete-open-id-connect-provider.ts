/**
 * DeleteOpenIDConnectProvider (https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteOpenIDConnectProvider.html):
 * idempotent, as the API reference says; roles that trust the provider stay, and can no
 * longer be assumed through it.
 */
import { defineOperation } from '../../server/operation.js'
import { isStoreError } from '../../store/index.js'
import { oidcProviderName, oidcProviderResource } from './oidc-provider-resource.js'

export const deleteOpenIDConnectProvider = defineOperation<{ OpenIDConnectProviderArn: string }, undefined>({
  service: 'iam',
  name: 'DeleteOpenIDConnectProvider',
  resource: oidcProviderResource,
  async handler(input, ctx) {
    const name = oidcProviderName(ctx, input.OpenIDConnectProviderArn)
    if (name === undefined) return undefined
    try {
      await ctx.store.deleteOidcProvider(name)
    } catch (err) {
      if (!isStoreError(err, 'NotFound')) throw err
    }
    return undefined
  }
})
