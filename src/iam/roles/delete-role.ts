/**
 * DeleteRole (https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html).
 * The store refuses with DeleteConflict while the role is in an instance profile or has
 * inline or attached policies, with AWS's messages.
 */
import { defineOperation } from '../../server/operation.js'
import { requireRole, roleResourceArn } from './role-resource.js'
import { requireModifiableRole } from './service-linked.js'

export const deleteRole = defineOperation<{ RoleName: string }, undefined>({
  service: 'iam',
  name: 'DeleteRole',
  resource: (input, ctx) => roleResourceArn(ctx, input.RoleName),
  async handler(input, ctx) {
    requireModifiableRole(await requireRole(ctx, input.RoleName))
    await ctx.store.deleteRole(input.RoleName)
    return undefined
  }
})
