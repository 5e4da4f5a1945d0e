/** GetRole (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html). */
import { defineOperation } from '../../server/operation.js'
import { roleOutput } from './role-output.js'
import { requireRole, roleResourceArn } from './role-resource.js'

export const getRole = defineOperation<{ RoleName: string }, { Role: Record<string, unknown> }>({
  service: 'iam',
  name: 'GetRole',
  resource: (input, ctx) => roleResourceArn(ctx, input.RoleName),
  async handler(input, ctx) {
    return { Role: roleOutput(await requireRole(ctx, input.RoleName)) }
  }
})
