/** GetSAMLProvider (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetSAMLProvider.html); private keys appear by id only. */
import { defineOperation } from '../../server/operation.js'
import { toApiTags } from '../shared/tags.js'
import { requireSamlProvider, samlProviderResource } from './saml-provider-resource.js'

export const getSAMLProvider = defineOperation<{ SAMLProviderArn: string }, Record<string, unknown>>({
  service: 'iam',
  name: 'GetSAMLProvider',
  resource: samlProviderResource,
  async handler(input, ctx) {
    const p = await requireSamlProvider(ctx, input.SAMLProviderArn)
    const out: Record<string, unknown> = {
      SAMLProviderUUID: p.uuid,
      SAMLMetadataDocument: p.metadataDocument,
      CreateDate: p.createDate,
      ValidUntil: p.validUntil
    }
    if (p.tags.length > 0) out.Tags = toApiTags(p.tags)
    if (p.assertionEncryptionMode !== undefined) out.AssertionEncryptionMode = p.assertionEncryptionMode
    if (p.privateKeys.length > 0) out.PrivateKeyList = p.privateKeys.map((k) => ({ KeyId: k.keyId, Timestamp: k.timestamp }))
    return out
  }
})
