/**
 * AddClientIDToOpenIDConnectProvider, RemoveClientIDFromOpenIDConnectProvider (both
 * idempotent) and UpdateOpenIDConnectProviderThumbprint (replaces the whole list)
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddClientIDToOpenIDConnectProvider.html).
 */
import { defineOperation } from '../../server/operation.js'
import { oidcProviderResource, requireOidcProvider } from './oidc-provider-resource.js'
import { checkThumbprints } from './thumbprints.js'

interface ClientIdInput {
  OpenIDConnectProviderArn: string
  ClientID: string
}

export const addClientIDToOpenIDConnectProvider = defineOperation<ClientIdInput, undefined>({
  service: 'iam',
  name: 'AddClientIDToOpenIDConnectProvider',
  resource: oidcProviderResource,
  async handler(input, ctx) {
    const p = await requireOidcProvider(ctx, input.OpenIDConnectProviderArn)
    await ctx.store.updateOidcProvider(p.name, { addClientId: input.ClientID })
    return undefined
  }
})

export const removeClientIDFromOpenIDConnectProvider = defineOperation<ClientIdInput, undefined>({
  service: 'iam',
  name: 'RemoveClientIDFromOpenIDConnectProvider',
  resource: oidcProviderResource,
  async handler(input, ctx) {
    const p = await requireOidcProvider(ctx, input.OpenIDConnectProviderArn)
    await ctx.store.updateOidcProvider(p.name, { removeClientId: input.ClientID })
    return undefined
  }
})

export const updateOpenIDConnectProviderThumbprint = defineOperation<{ OpenIDConnectProviderArn: string; ThumbprintList: string[] }, undefined>({
  service: 'iam',
  name: 'UpdateOpenIDConnectProviderThumbprint',
  resource: oidcProviderResource,
  async handler(input, ctx) {
    const thumbprints = checkThumbprints(input.ThumbprintList)
    const p = await requireOidcProvider(ctx, input.OpenIDConnectProviderArn)
    await ctx.store.updateOidcProvider(p.name, { thumbprints })
    return undefined
  }
})
