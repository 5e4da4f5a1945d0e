/**
 * ResetServiceSpecificCredential, UpdateServiceSpecificCredential and
 * DeleteServiceSpecificCredential
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ResetServiceSpecificCredential.html).
 * `UserName` defaults to the caller; a reset returns the new password this once.
 */
import { defineOperation } from '../../server/operation.js'
import { requireTargetUser, targetUserArn } from '../access-keys/target-user.js'
import { credentialStatusOperation, deleteCredentialOperation } from '../shared/user-credentials.js'
import { credentialOutput, newServicePassword } from './service-credential.js'

type IdInput = { UserName?: string; ServiceSpecificCredentialId: string }

export const resetServiceSpecificCredential = defineOperation<IdInput, { ServiceSpecificCredential: Record<string, unknown> }>({
  service: 'iam',
  name: 'ResetServiceSpecificCredential',
  resource: (input, ctx) => targetUserArn(ctx, input.UserName),
  async handler(input, ctx) {
    const user = await requireTargetUser(ctx, input.UserName)
    const { password, sealed } = newServicePassword(ctx)
    const cred = await ctx.store.updateUserCredential('service-specific-credential', user.name, input.ServiceSpecificCredentialId, { secretCiphertext: sealed })
    return { ServiceSpecificCredential: credentialOutput(cred, password) }
  }
})

export const updateServiceSpecificCredential =
  credentialStatusOperation('service-specific-credential', 'UpdateServiceSpecificCredential', 'ServiceSpecificCredentialId')

export const deleteServiceSpecificCredential =
  deleteCredentialOperation('service-specific-credential', 'DeleteServiceSpecificCredential', 'ServiceSpecificCredentialId')
