/**
 * GetSSHPublicKey (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetSSHPublicKey.html):
 * the key in the encoding asked for, SSH (`ssh-rsa ...`) or PEM.
 */
import { defineOperation } from '../../server/operation.js'
import { requireTargetUser, targetUserArn } from '../access-keys/target-user.js'
import { encodeSshPublicKey } from './public-key.js'
import { sshKeyOutput } from './ssh-key-output.js'
import { requireSshKey } from './update-ssh-public-key.js'

export const getSshPublicKey = defineOperation<{ UserName: string; SSHPublicKeyId: string; Encoding: 'SSH' | 'PEM' }, { SSHPublicKey: Record<string, unknown> }>({
  service: 'iam',
  name: 'GetSSHPublicKey',
  resource: (input, ctx) => targetUserArn(ctx, input.UserName),
  async handler(input, ctx) {
    const user = await requireTargetUser(ctx, input.UserName)
    const key = await requireSshKey(ctx, user.name, input.SSHPublicKeyId)
    return { SSHPublicKey: sshKeyOutput(key, encodeSshPublicKey(key.body ?? '', input.Encoding)) }
  }
})
