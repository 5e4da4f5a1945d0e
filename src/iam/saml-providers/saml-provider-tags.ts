/**
 * TagSAMLProvider, UntagSAMLProvider and ListSAMLProviderTags
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagSAMLProvider.html).
 */
import { tagOperations } from '../shared/tag-operations.js'
import { requireSamlProvider } from './saml-provider-resource.js'

export const samlProviderTagOperations = tagOperations({
  entity: 'SAMLProvider',
  member: 'SAMLProviderArn',
  require: requireSamlProvider,
  tag: (ctx, name, tags) => ctx.store.tagSamlProvider(name, tags),
  untag: (ctx, name, keys) => ctx.store.untagSamlProvider(name, keys)
})
