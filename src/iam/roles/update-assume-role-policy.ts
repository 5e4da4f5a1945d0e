/** UpdateAssumeRolePolicy (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html). */
import { defineOperation } from '../../server/operation.js'
import { requireRole, roleResourceArn } from './role-resource.js'
import { requireModifiableRole } from './service-linked.js'
import { requireTrustPolicy } from './trust-policy.js'

export const updateAssumeRolePolicy = defineOperation<{ RoleName: string; PolicyDocument: string }, undefined>({
  service: 'iam',
  name: 'UpdateAssumeRolePolicy',
  resource: (input, ctx) => roleResourceArn(ctx, input.RoleName),
  async handler(input, ctx) {
    requireModifiableRole(await requireRole(ctx, input.RoleName))
    const document = await requireTrustPolicy(ctx, input.PolicyDocument)
    await ctx.store.updateRole(input.RoleName, { assumeRolePolicyDocument: document })
    return undefined
  }
})
