/** CreateSAMLProvider (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateSAMLProvider.html). */
import { defineOperation } from '../../server/operation.js'
import type { SamlAssertionEncryptionMode } from '../../store/index.js'
import { requestTagContext, toApiTags, toStoreTags, type ApiTag } from '../shared/tags.js'
import { checkMetadata, encryptionWithoutKey, sealPrivateKey } from './saml-provider-input.js'

export interface CreateSAMLProviderInput {
  Name: string
  SAMLMetadataDocument: string
  Tags?: ApiTag[]
  AssertionEncryptionMode?: SamlAssertionEncryptionMode
  AddPrivateKey?: string
}

export const createSAMLProvider = defineOperation<CreateSAMLProviderInput, Record<string, unknown>>({
  service: 'iam',
  name: 'CreateSAMLProvider',
  resource: (input, ctx) => `arn:aws:iam::${ctx.accountId}:saml-provider/${input.Name}`,
  conditionContext: (input) => requestTagContext(input.Tags),
  async handler(input, ctx) {
    const validUntil = checkMetadata(input.SAMLMetadataDocument, ctx.now)
    if (input.AssertionEncryptionMode === 'Required' && input.AddPrivateKey === undefined) throw encryptionWithoutKey()
    const privateKey = input.AddPrivateKey !== undefined ? sealPrivateKey(ctx.keys, input.AddPrivateKey, ctx.now) : undefined
    const provider = await ctx.store.createSamlProvider({
      name: input.Name,
      metadataDocument: input.SAMLMetadataDocument,
      validUntil,
      ...(input.AssertionEncryptionMode !== undefined ? { assertionEncryptionMode: input.AssertionEncryptionMode } : {}),
      ...(privateKey ? { privateKey } : {}),
      tags: toStoreTags(input.Tags)
    })
    return { SAMLProviderArn: provider.arn, ...(provider.tags.length > 0 ? { Tags: toApiTags(provider.tags) } : {}) }
  }
})
