/**
 * CreateServiceSpecificCredential (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateServiceSpecificCredential.html):
 * `<user>-at-<account>` and a generated password, at most 2 per user and service.
 * CredentialAgeDays belongs to Bedrock API keys, which Warden does not issue.
 */
import { defineOperation } from '../../server/operation.js'
import { requireTargetUser, targetUserArn } from '../access-keys/target-user.js'
import { iamError } from '../shared/errors.js'
import { newCredentialId } from '../shared/user-credentials.js'
import { credentialOutput, newServicePassword, requireSupportedService } from './service-credential.js'

interface CreateInput {
  UserName: string
  ServiceName: string
  CredentialAgeDays?: number
}

export const createServiceSpecificCredential = defineOperation<CreateInput, { ServiceSpecificCredential: Record<string, unknown> }>({
  service: 'iam',
  name: 'CreateServiceSpecificCredential',
  resource: (input, ctx) => targetUserArn(ctx, input.UserName),
  async handler(input, ctx) {
    requireSupportedService(input.ServiceName)
    if (input.CredentialAgeDays !== undefined) {
      throw iamError('InvalidInput', `CredentialAgeDays is not supported for ${input.ServiceName}.`)
    }
    const user = await requireTargetUser(ctx, input.UserName)
    const { password, sealed } = newServicePassword(ctx)
    const cred = await ctx.store.createUserCredential({
      kind: 'service-specific-credential', id: newCredentialId('ACCA', 21), userName: user.name,
      serviceName: input.ServiceName, serviceUserName: `${user.name}-at-${ctx.accountId}`, secretCiphertext: sealed
    })
    return { ServiceSpecificCredential: credentialOutput(cred, password) }
  }
})
