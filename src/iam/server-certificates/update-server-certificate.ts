/**
 * UpdateServerCertificate (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateServerCertificate.html):
 * renames and/or moves a certificate. AWS requires permission on both the old and the new
 * ARN, so the new one is authorized too.
 */
import { defineOperation } from '../../server/operation.js'
import { renameOrMove } from '../shared/rename.js'
import { requireServerCertificate, serverCertificateResourceArn } from './server-certificate-resource.js'

export interface UpdateServerCertificateInput {
  ServerCertificateName: string
  NewPath?: string
  NewServerCertificateName?: string
}

export const updateServerCertificate = defineOperation<UpdateServerCertificateInput, undefined>({
  service: 'iam',
  name: 'UpdateServerCertificate',
  resource: (input, ctx) => serverCertificateResourceArn(ctx, input.ServerCertificateName),
  async handler(input, ctx) {
    const c = await requireServerCertificate(ctx, input.ServerCertificateName)
    await renameOrMove(ctx, 'iam:UpdateServerCertificate', 'server-certificate', c, { newName: input.NewServerCertificateName, newPath: input.NewPath },
      (changes) => ctx.store.updateServerCertificate(c.name, changes))
    return undefined
  }
})
