/**
 * UploadServerCertificate (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UploadServerCertificate.html):
 * a PEM certificate with its private key and optional chain, at most 20 per account.
 */
import { defineOperation } from '../../server/operation.js'
import { entityArn } from '../../store/arn.js'
import { requestTagContext, toApiTags, toStoreTags, type ApiTag } from '../shared/tags.js'
import { checkServerCertificate } from './certificate-input.js'
import { serverCertificateMetadata } from './server-certificate-resource.js'

export interface UploadServerCertificateInput {
  Path?: string
  ServerCertificateName: string
  CertificateBody: string
  PrivateKey: string
  CertificateChain?: string
  Tags?: ApiTag[]
}

export const uploadServerCertificate = defineOperation<UploadServerCertificateInput, Record<string, unknown>>({
  service: 'iam',
  name: 'UploadServerCertificate',
  resource: (input, ctx) => entityArn(ctx.accountId, 'server-certificate', input.Path ?? '/', input.ServerCertificateName),
  conditionContext: (input) => requestTagContext(input.Tags),
  async handler(input, ctx) {
    const checked = checkServerCertificate(ctx.keys, input, ctx.now)
    const cert = await ctx.store.createServerCertificate({
      name: input.ServerCertificateName,
      ...(input.Path !== undefined ? { path: input.Path } : {}),
      body: input.CertificateBody,
      ...(input.CertificateChain !== undefined ? { chain: input.CertificateChain } : {}),
      privateKeyCiphertext: checked.privateKeyCiphertext,
      expiration: checked.expiration,
      tags: toStoreTags(input.Tags)
    })
    return { ServerCertificateMetadata: serverCertificateMetadata(cert), ...(cert.tags.length > 0 ? { Tags: toApiTags(cert.tags) } : {}) }
  }
})
