/**
 * TagOpenIDConnectProvider, UntagOpenIDConnectProvider and ListOpenIDConnectProviderTags
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagOpenIDConnectProvider.html).
 */
import { tagOperations } from '../shared/tag-operations.js'
import { requireOidcProvider } from './oidc-provider-resource.js'

export const oidcProviderTagOperations = tagOperations({
  entity: 'OpenIDConnectProvider',
  member: 'OpenIDConnectProviderArn',
  require: requireOidcProvider,
  tag: (ctx, name, tags) => ctx.store.tagOidcProvider(name, tags),
  untag: (ctx, name, keys) => ctx.store.untagOidcProvider(name, keys)
})
