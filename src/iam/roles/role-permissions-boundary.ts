/**
 * PutRolePermissionsBoundary and DeleteRolePermissionsBoundary
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePermissionsBoundary.html).
 */
import { defineOperation } from '../../server/operation.js'
import { requireBoundaryPolicy } from '../shared/boundary.js'
import { requireRole, roleResourceArn } from './role-resource.js'
import { requireModifiableRole } from './service-linked.js'

export const putRolePermissionsBoundary = defineOperation<{ RoleName: string; PermissionsBoundary: string }, undefined>({
  service: 'iam',
  name: 'PutRolePermissionsBoundary',
  resource: (input, ctx) => roleResourceArn(ctx, input.RoleName),
  conditionContext: (input) => ({ 'iam:PermissionsBoundary': input.PermissionsBoundary }),
  async handler(input, ctx) {
    requireModifiableRole(await requireRole(ctx, input.RoleName))
    await requireBoundaryPolicy(ctx.store, ctx.accountId, input.PermissionsBoundary)
    await ctx.store.setRolePermissionsBoundary(input.RoleName, input.PermissionsBoundary)
    return undefined
  }
})

export const deleteRolePermissionsBoundary = defineOperation<{ RoleName: string }, undefined>({
  service: 'iam',
  name: 'DeleteRolePermissionsBoundary',
  resource: (input, ctx) => roleResourceArn(ctx, input.RoleName),
  // The Service Authorization Reference lists iam:PermissionsBoundary here: the boundary being removed.
  conditionContext: async (input, ctx): Promise<Record<string, string>> => {
    const arn = (await ctx.store.getRole(input.RoleName))?.permissionsBoundaryArn
    return arn === undefined ? {} : { 'iam:PermissionsBoundary': arn }
  },
  async handler(input, ctx) {
    requireModifiableRole(await requireRole(ctx, input.RoleName))
    await ctx.store.setRolePermissionsBoundary(input.RoleName, undefined)
    return undefined
  }
})
