/**
 * UpdateRole and UpdateRoleDescription
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateRole.html,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateRoleDescription.html).
 */
import { defineOperation } from '../../server/operation.js'
import { roleOutput } from './role-output.js'
import { requireRole, roleResourceArn } from './role-resource.js'
import { requireModifiableRole } from './service-linked.js'

export type UpdateRoleRequest = { RoleName: string; Description?: string; MaxSessionDuration?: number }

export const updateRole = defineOperation<UpdateRoleRequest, Record<string, never>>({
  service: 'iam',
  name: 'UpdateRole',
  resource: (input, ctx) => roleResourceArn(ctx, input.RoleName),
  async handler(input, ctx) {
    requireModifiableRole(await requireRole(ctx, input.RoleName))
    await ctx.store.updateRole(input.RoleName, {
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      ...(input.MaxSessionDuration !== undefined ? { maxSessionDuration: input.MaxSessionDuration } : {})
    })
    return {}
  }
})

export const updateRoleDescription = defineOperation<{ RoleName: string; Description: string }, { Role: Record<string, unknown> }>({
  service: 'iam',
  name: 'UpdateRoleDescription',
  resource: (input, ctx) => roleResourceArn(ctx, input.RoleName),
  async handler(input, ctx) {
    requireModifiableRole(await requireRole(ctx, input.RoleName))
    return { Role: roleOutput(await ctx.store.updateRole(input.RoleName, { description: input.Description })) }
  }
})
