/**
 * ListInstanceProfiles and ListInstanceProfilesForRole
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListInstanceProfiles.html,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListInstanceProfilesForRole.html).
 */
import { defineOperation, pageOutput, pageRequest, pathPageRequest, requireRole, roleResourceArn } from './deps.js'
import { instanceProfileOutput } from './instance-profile-output.js'

export const listInstanceProfiles = defineOperation<{ PathPrefix?: string; Marker?: string; MaxItems?: number }, Record<string, unknown>>({
  service: 'iam',
  name: 'ListInstanceProfiles',
  async handler(input, ctx) {
    const page = await ctx.store.listInstanceProfiles(pathPageRequest(input))
    return { InstanceProfiles: page.items.map((p) => instanceProfileOutput(p, 'list')), ...pageOutput(page) }
  }
})

export const listInstanceProfilesForRole = defineOperation<{ RoleName: string; Marker?: string; MaxItems?: number }, Record<string, unknown>>({
  service: 'iam',
  name: 'ListInstanceProfilesForRole',
  resource: (input, ctx) => roleResourceArn(ctx, input.RoleName),
  async handler(input, ctx) {
    await requireRole(ctx, input.RoleName)
    const page = await ctx.store.listInstanceProfilesForRole(input.RoleName, pageRequest(input))
    return { InstanceProfiles: page.items.map((p) => instanceProfileOutput(p, 'list')), ...pageOutput(page) }
  }
})
