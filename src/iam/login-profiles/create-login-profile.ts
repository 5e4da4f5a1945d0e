/**
 * CreateLoginProfile (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateLoginProfile.html):
 * a console password for a user, checked against the account password policy and stored
 * only as a scrypt hash. `UserName` defaults to the calling user.
 */
import { hashPassword } from '../../auth/password-hash.js'
import { defineOperation } from '../../server/operation.js'
import { requireTargetUser, targetUserArn } from '../access-keys/target-user.js'
import { iamError } from '../shared/errors.js'
import { loginProfileOutput, passwordContext } from './account-policy.js'
import { requireConformingPassword } from './password-rules.js'

interface CreateLoginProfileInput {
  UserName?: string
  Password?: string
  PasswordResetRequired?: boolean
}

export const createLoginProfile = defineOperation<CreateLoginProfileInput, { LoginProfile: ReturnType<typeof loginProfileOutput> }>({
  service: 'iam',
  name: 'CreateLoginProfile',
  resource: (input, ctx) => targetUserArn(ctx, input.UserName),
  async handler(input, ctx) {
    // The model leaves Password optional for AssumeRoot password recovery, which Warden has not.
    if (input.Password === undefined) {
      throw iamError('ValidationError', "1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null")
    }
    const user = await requireTargetUser(ctx, input.UserName)
    if ((await ctx.store.getLoginProfile(user.name)) !== undefined) {
      throw iamError('EntityAlreadyExists', `Login Profile for user ${user.name} already exists.`)
    }
    const { policy, accountNames } = await passwordContext(ctx)
    requireConformingPassword(input.Password, policy, accountNames)
    const profile = await ctx.store.createLoginProfile({
      userName: user.name,
      passwordHash: await hashPassword(input.Password),
      passwordResetRequired: input.PasswordResetRequired ?? false
    })
    return { LoginProfile: loginProfileOutput(profile) }
  }
})
