/**
 * UploadSigningCertificate (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UploadSigningCertificate.html):
 * an X.509 certificate for the user (`UserName` defaults to the caller), at most 2 per
 * user, each certificate once in the account.
 */
import { defineOperation } from '../../server/operation.js'
import { isStoreError } from '../../store/index.js'
import { requireTargetUser, targetUserArn } from '../access-keys/target-user.js'
import { iamError } from '../shared/errors.js'
import { newCredentialId } from '../shared/user-credentials.js'
import { certificateFingerprint, certificateOutput } from './certificate.js'

export const uploadSigningCertificate = defineOperation<{ UserName?: string; CertificateBody: string }, { Certificate: Record<string, unknown> }>({
  service: 'iam',
  name: 'UploadSigningCertificate',
  resource: (input, ctx) => targetUserArn(ctx, input.UserName),
  async handler(input, ctx) {
    const user = await requireTargetUser(ctx, input.UserName)
    const fingerprint = certificateFingerprint(input.CertificateBody, ctx.now)
    try {
      const cert = await ctx.store.createUserCredential({
        kind: 'signing-certificate', id: newCredentialId('', 28), userName: user.name, body: input.CertificateBody, fingerprint
      })
      return { Certificate: certificateOutput(cert) }
    } catch (err) {
      if (isStoreError(err, 'AlreadyExists')) {
        throw iamError('DuplicateCertificate', 'The request was rejected because the same certificate is associated with an IAM user in the account.')
      }
      throw err
    }
  }
})
