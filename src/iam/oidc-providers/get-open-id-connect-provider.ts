/** GetOpenIDConnectProvider (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetOpenIDConnectProvider.html). */
import { defineOperation } from '../../server/operation.js'
import { toApiTags } from '../shared/tags.js'
import { oidcProviderResource, requireOidcProvider } from './oidc-provider-resource.js'

export const getOpenIDConnectProvider = defineOperation<{ OpenIDConnectProviderArn: string }, Record<string, unknown>>({
  service: 'iam',
  name: 'GetOpenIDConnectProvider',
  resource: oidcProviderResource,
  async handler(input, ctx) {
    const p = await requireOidcProvider(ctx, input.OpenIDConnectProviderArn)
    // IAM shows the URL without its scheme: the provider's name.
    const out: Record<string, unknown> = { Url: p.name, ClientIDList: p.clientIds, ThumbprintList: p.thumbprints, CreateDate: p.createDate }
    if (p.tags.length > 0) out.Tags = toApiTags(p.tags)
    return out
  }
})
