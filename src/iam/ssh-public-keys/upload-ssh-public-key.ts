/**
 * UploadSSHPublicKey (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UploadSSHPublicKey.html):
 * an RSA key (2048 bits or more) for the user, at most 5, each key once per user.
 */
import { defineOperation } from '../../server/operation.js'
import { isStoreError } from '../../store/index.js'
import { requireTargetUser, targetUserArn } from '../access-keys/target-user.js'
import { iamError } from '../shared/errors.js'
import { newCredentialId } from '../shared/user-credentials.js'
import { parseSshPublicKey } from './public-key.js'
import { sshKeyOutput } from './ssh-key-output.js'

export const uploadSshPublicKey = defineOperation<{ UserName: string; SSHPublicKeyBody: string }, { SSHPublicKey: Record<string, unknown> }>({
  service: 'iam',
  name: 'UploadSSHPublicKey',
  resource: (input, ctx) => targetUserArn(ctx, input.UserName),
  async handler(input, ctx) {
    const user = await requireTargetUser(ctx, input.UserName)
    const parsed = parseSshPublicKey(input.SSHPublicKeyBody)
    try {
      const key = await ctx.store.createUserCredential({
        kind: 'ssh-public-key', id: newCredentialId('APKA', 20), userName: user.name, body: input.SSHPublicKeyBody, fingerprint: parsed.fingerprint
      })
      return { SSHPublicKey: sshKeyOutput(key, input.SSHPublicKeyBody) }
    } catch (err) {
      if (isStoreError(err, 'AlreadyExists')) {
        throw iamError('DuplicateSSHPublicKey', 'The request was rejected because the SSH public key is already associated with the specified IAM user.')
      }
      throw err
    }
  }
})
