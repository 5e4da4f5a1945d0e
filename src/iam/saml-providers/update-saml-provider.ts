/**
 * UpdateSAMLProvider (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateSAMLProvider.html):
 * a new metadata document, encryption mode, and one private key added or removed per call
 * (rotation is add, then remove, in separate requests).
 */
import { defineOperation } from '../../server/operation.js'
import type { SamlAssertionEncryptionMode, UpdateSamlProviderInput } from '../../store/index.js'
import { iamError } from '../shared/errors.js'
import { checkMetadata, sealPrivateKey } from './saml-provider-input.js'
import { requireSamlProvider, samlProviderResource } from './saml-provider-resource.js'

export interface UpdateSAMLProviderInput {
  SAMLProviderArn: string
  SAMLMetadataDocument?: string
  AssertionEncryptionMode?: SamlAssertionEncryptionMode
  AddPrivateKey?: string
  RemovePrivateKey?: string
}

export const updateSAMLProvider = defineOperation<UpdateSAMLProviderInput, { SAMLProviderArn: string }>({
  service: 'iam',
  name: 'UpdateSAMLProvider',
  resource: samlProviderResource,
  async handler(input, ctx) {
    const { SAMLMetadataDocument: doc, AssertionEncryptionMode: mode, AddPrivateKey: add, RemovePrivateKey: remove } = input
    if (doc === undefined && mode === undefined && add === undefined && remove === undefined) {
      throw iamError('InvalidInput', 'No updates are defined: give SAMLMetadataDocument, AssertionEncryptionMode, AddPrivateKey or RemovePrivateKey.')
    }
    if (add !== undefined && remove !== undefined) throw iamError('InvalidInput', 'Unable to add and remove private keys in the same request.')
    const p = await requireSamlProvider(ctx, input.SAMLProviderArn)
    const changes: UpdateSamlProviderInput = {}
    if (doc !== undefined) {
      changes.validUntil = checkMetadata(doc, ctx.now)
      changes.metadataDocument = doc
    }
    if (mode !== undefined) changes.assertionEncryptionMode = mode
    if (add !== undefined) changes.addPrivateKey = sealPrivateKey(ctx.keys, add, ctx.now)
    if (remove !== undefined) changes.removePrivateKeyId = remove
    const updated = await ctx.store.updateSamlProvider(p.name, changes)
    return { SAMLProviderArn: updated.arn }
  }
})
