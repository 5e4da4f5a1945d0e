/**
 * AddRoleToInstanceProfile and RemoveRoleFromInstanceProfile
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddRoleToInstanceProfile.html).
 * A profile holds one role (quota InstanceSessionsPerInstanceProfile); adding one passes
 * the role to EC2, so the caller also needs iam:PassRole on it.
 */
import { defineOperation, requireRole } from './deps.js'
import { instanceProfileResourceArn, requireInstanceProfile } from './instance-profile-output.js'

export type ProfileRoleRequest = { InstanceProfileName: string; RoleName: string }

export const addRoleToInstanceProfile = defineOperation<ProfileRoleRequest, undefined>({
  service: 'iam',
  name: 'AddRoleToInstanceProfile',
  resource: (input, ctx) => instanceProfileResourceArn(ctx, input.InstanceProfileName),
  async handler(input, ctx) {
    await requireInstanceProfile(ctx, input.InstanceProfileName)
    const role = await requireRole(ctx, input.RoleName)
    await ctx.authorize('iam:PassRole', role.arn)
    await ctx.store.addRoleToInstanceProfile(input.InstanceProfileName, input.RoleName)
    return undefined
  }
})

export const removeRoleFromInstanceProfile = defineOperation<ProfileRoleRequest, undefined>({
  service: 'iam',
  name: 'RemoveRoleFromInstanceProfile',
  resource: (input, ctx) => instanceProfileResourceArn(ctx, input.InstanceProfileName),
  async handler(input, ctx) {
    await requireInstanceProfile(ctx, input.InstanceProfileName)
    await requireRole(ctx, input.RoleName)
    await ctx.store.removeRoleFromInstanceProfile(input.InstanceProfileName, input.RoleName)
    return undefined
  }
})
