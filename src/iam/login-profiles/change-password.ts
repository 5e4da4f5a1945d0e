/**
 * ChangePassword (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ChangePassword.html):
 * an IAM user changes their own console password. Only IAM users may (root and role
 * sessions get InvalidUserType); the old password must match; the new one must meet the
 * account policy and not be a remembered earlier one. The account policy's
 * AllowUsersToChangePassword lets every user do this without an identity policy allowing
 * iam:ChangePassword, as the IAM guide describes; otherwise iam:ChangePassword on the
 * user's own ARN is authorized as usual.
 */
import { verifyPassword } from '../../auth/password-hash.js'
import { defineOperation } from '../../server/operation.js'
import { iamError } from '../shared/errors.js'
import { passwordContext, replacePassword, requireLoginProfile } from './account-policy.js'
import { passwordReusedError } from './password-rules.js'

export const changePassword = defineOperation<{ OldPassword: string; NewPassword: string }, undefined>({
  service: 'iam',
  name: 'ChangePassword',
  // Authorized in the handler: the account password policy can grant it to every user.
  skipAuthorization: true,
  async handler(input, ctx) {
    const caller = ctx.caller
    const userName = caller.kind === 'user' || caller.kind === 'session-user' ? caller.userName : undefined
    if (userName === undefined) throw iamError('InvalidUserType', 'Only IAM Users can change their own password.')
    const { policy } = await passwordContext(ctx)
    if (policy?.allowUsersToChangePassword !== true) await ctx.authorize('iam:ChangePassword', caller.arn)
    const profile = await requireLoginProfile(ctx, userName)
    if (input.NewPassword === input.OldPassword) throw passwordReusedError()
    if (!(await verifyPassword(input.OldPassword, profile.passwordHash))) {
      throw iamError('AccessDenied', 'The old password was incorrect.')
    }
    // A successful change clears PasswordResetRequired: the user has chosen a password.
    await replacePassword(ctx, profile, input.NewPassword, false)
    return undefined
  }
})
