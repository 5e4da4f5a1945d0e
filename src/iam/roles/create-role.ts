/** CreateRole (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html). */
import { defineOperation } from '../../server/operation.js'
import { requireBoundaryPolicy } from '../shared/boundary.js'
import { requestTagContext, toStoreTags, type ApiTag } from '../shared/tags.js'
import { roleOutput } from './role-output.js'
import { requireTrustPolicy } from './trust-policy.js'

export type CreateRoleRequest = {
  RoleName: string
  AssumeRolePolicyDocument: string
  Path?: string
  Description?: string
  MaxSessionDuration?: number
  PermissionsBoundary?: string
  Tags?: ApiTag[]
}

export const createRole = defineOperation<CreateRoleRequest, { Role: Record<string, unknown> }>({
  service: 'iam',
  name: 'CreateRole',
  createsResource: true,
  resource: (input, ctx) => `arn:aws:iam::${ctx.accountId}:role${input.Path ?? '/'}${input.RoleName}`,
  conditionContext: (input) => ({
    ...requestTagContext(input.Tags),
    ...(input.PermissionsBoundary !== undefined ? { 'iam:PermissionsBoundary': input.PermissionsBoundary } : {})
  }),
  async handler(input, ctx) {
    const document = await requireTrustPolicy(ctx, input.AssumeRolePolicyDocument)
    if (input.PermissionsBoundary !== undefined) await requireBoundaryPolicy(ctx.store, ctx.accountId, input.PermissionsBoundary)
    const role = await ctx.store.createRole({
      name: input.RoleName,
      assumeRolePolicyDocument: document,
      ...(input.Path !== undefined ? { path: input.Path } : {}),
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      ...(input.MaxSessionDuration !== undefined ? { maxSessionDuration: input.MaxSessionDuration } : {}),
      ...(input.PermissionsBoundary !== undefined ? { permissionsBoundaryArn: input.PermissionsBoundary } : {}),
      tags: toStoreTags(input.Tags)
    })
    return { Role: roleOutput(role) }
  }
})
