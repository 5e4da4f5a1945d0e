/** GetServerCertificate (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetServerCertificate.html): everything but the private key. */
import { defineOperation } from '../../server/operation.js'
import { toApiTags } from '../shared/tags.js'
import { requireServerCertificate, serverCertificateMetadata, serverCertificateResourceArn } from './server-certificate-resource.js'

export const getServerCertificate = defineOperation<{ ServerCertificateName: string }, { ServerCertificate: Record<string, unknown> }>({
  service: 'iam',
  name: 'GetServerCertificate',
  resource: (input, ctx) => serverCertificateResourceArn(ctx, input.ServerCertificateName),
  async handler(input, ctx) {
    const c = await requireServerCertificate(ctx, input.ServerCertificateName)
    const out: Record<string, unknown> = { ServerCertificateMetadata: serverCertificateMetadata(c), CertificateBody: c.body }
    if (c.chain !== undefined) out.CertificateChain = c.chain
    if (c.tags.length > 0) out.Tags = toApiTags(c.tags)
    return { ServerCertificate: out }
  }
})
