/** DeleteServerCertificate (https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteServerCertificate.html). */
import { defineOperation } from '../../server/operation.js'
import { requireServerCertificate, serverCertificateResourceArn } from './server-certificate-resource.js'

export const deleteServerCertificate = defineOperation<{ ServerCertificateName: string }, undefined>({
  service: 'iam',
  name: 'DeleteServerCertificate',
  resource: (input, ctx) => serverCertificateResourceArn(ctx, input.ServerCertificateName),
  async handler(input, ctx) {
    const c = await requireServerCertificate(ctx, input.ServerCertificateName)
    await ctx.store.deleteServerCertificate(c.name)
    return undefined
  }
})
