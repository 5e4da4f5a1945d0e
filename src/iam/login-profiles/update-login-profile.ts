/**
 * UpdateLoginProfile (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateLoginProfile.html):
 * an administrator resets a user's password and/or the PasswordResetRequired flag. A new
 * password meets the policy, including reuse prevention, as ChangePassword's does.
 */
import { defineOperation } from '../../server/operation.js'
import { requireTargetUser, targetUserArn } from '../access-keys/target-user.js'
import { replacePassword, requireLoginProfile } from './account-policy.js'

interface UpdateLoginProfileInput {
  UserName: string
  Password?: string
  PasswordResetRequired?: boolean
}

export const updateLoginProfile = defineOperation<UpdateLoginProfileInput, undefined>({
  service: 'iam',
  name: 'UpdateLoginProfile',
  resource: (input, ctx) => targetUserArn(ctx, input.UserName),
  async handler(input, ctx) {
    const user = await requireTargetUser(ctx, input.UserName)
    const profile = await requireLoginProfile(ctx, user.name)
    if (input.Password !== undefined) await replacePassword(ctx, profile, input.Password, input.PasswordResetRequired)
    else if (input.PasswordResetRequired !== undefined) await ctx.store.updateLoginProfile(user.name, { passwordResetRequired: input.PasswordResetRequired })
    return undefined
  }
})
