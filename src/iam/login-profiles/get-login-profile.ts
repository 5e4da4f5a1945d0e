/**
 * GetLoginProfile
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetLoginProfile.html).
 * `UserName` defaults to the calling user; the password itself is never returned.
 */
import { defineOperation } from '../../server/operation.js'
import { requireTargetUser, targetUserArn } from '../access-keys/target-user.js'
import { loginProfileOutput, requireLoginProfile } from './account-policy.js'

export const getLoginProfile = defineOperation<{ UserName?: string }, { LoginProfile: ReturnType<typeof loginProfileOutput> }>({
  service: 'iam',
  name: 'GetLoginProfile',
  resource: (input, ctx) => targetUserArn(ctx, input.UserName),
  async handler(input, ctx) {
    const user = await requireTargetUser(ctx, input.UserName)
    return { LoginProfile: loginProfileOutput(await requireLoginProfile(ctx, user.name)) }
  }
})
