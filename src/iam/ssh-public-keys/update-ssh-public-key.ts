/**
 * UpdateSSHPublicKey and DeleteSSHPublicKey
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateSSHPublicKey.html): status
 * Active or Inactive (an inactive key cannot be used with CodeCommit), or removal.
 */
import type { OperationContext } from '../../server/operation.js'
import type { UserCredentialRecord } from '../../store/index.js'
import { iamError } from '../shared/errors.js'
import { credentialStatusOperation, deleteCredentialOperation } from '../shared/user-credentials.js'

/** The user's SSH key, or IAM's NoSuchEntity. */
export async function requireSshKey(ctx: OperationContext, userName: string, id: string): Promise<UserCredentialRecord> {
  const key = await ctx.store.getUserCredential('ssh-public-key', userName, id)
  if (key === undefined) throw iamError('NoSuchEntity', `The Public Key with id ${id} cannot be found.`)
  return key
}

export const updateSshPublicKey = credentialStatusOperation('ssh-public-key', 'UpdateSSHPublicKey', 'SSHPublicKeyId')

export const deleteSshPublicKey = deleteCredentialOperation('ssh-public-key', 'DeleteSSHPublicKey', 'SSHPublicKeyId')
