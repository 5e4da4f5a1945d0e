/**
 * CreateServiceLinkedRole (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateServiceLinkedRole.html):
 * the role under `/aws-service-role/<service>/` with the service's trust policy and the
 * managed policy AWS attaches, in one transaction. Authorized as iam:CreateServiceLinkedRole
 * with the iam:AWSServiceName condition key.
 */
import { defineOperation } from '../../server/operation.js'
import { isStoreError } from '../../store/index.js'
import { roleOutput } from '../roles/role-output.js'
import { iamError } from '../shared/errors.js'
import { serviceLinkedRolePath, serviceLinkedRoleSpec, serviceLinkedTrustPolicy } from './services.js'

export type CreateServiceLinkedRoleRequest = { AWSServiceName: string; Description?: string; CustomSuffix?: string }

/** The role name for a request: AWS's name, plus `_<suffix>` when a CustomSuffix is given. */
export function serviceLinkedRoleName(baseName: string, suffix: string | undefined): string {
  return suffix === undefined ? baseName : `${baseName}_${suffix}`
}

/** AWS's message when the role name is already used. */
export function roleNameTakenMessage(name: string): string {
  return `Service role name ${name} has been taken in this account, please try a different suffix.`
}

// AWS's exact wording for an unknown service principal is not documented; this follows its InvalidInput style.
export function unknownServiceMessage(service: string): string {
  return `Invalid service name: ${service}`
}

export const createServiceLinkedRole = defineOperation<CreateServiceLinkedRoleRequest, { Role: Record<string, unknown> }>({
  service: 'iam',
  name: 'CreateServiceLinkedRole',
  resource: (input, ctx) => {
    const spec = serviceLinkedRoleSpec(input.AWSServiceName)
    const name = spec === undefined ? '' : serviceLinkedRoleName(spec.roleName, input.CustomSuffix)
    return `arn:aws:iam::${ctx.accountId}:role${serviceLinkedRolePath(input.AWSServiceName)}${name}`
  },
  conditionContext: (input) => ({ 'iam:AWSServiceName': input.AWSServiceName }),
  async handler(input, ctx) {
    const spec = serviceLinkedRoleSpec(input.AWSServiceName)
    if (spec === undefined) throw iamError('InvalidInput', unknownServiceMessage(input.AWSServiceName))
    if (input.CustomSuffix !== undefined && !spec.customSuffixAllowed) {
      throw iamError('InvalidInput', `Custom suffix is not allowed for ${spec.service}`)
    }
    const name = serviceLinkedRoleName(spec.roleName, input.CustomSuffix)
    try {
      const role = await ctx.store.transaction(async (tx) => {
        await tx.createRole({
          name,
          path: serviceLinkedRolePath(spec.service),
          assumeRolePolicyDocument: serviceLinkedTrustPolicy(spec.service),
          ...(input.Description !== undefined ? { description: input.Description } : {})
        })
        await tx.attachPolicy({ type: 'role', name }, spec.policyArn)
        return tx.getRole(name)
      })
      if (role === undefined) throw iamError('ServiceFailure', `Role ${name} vanished while it was created.`)
      return { Role: roleOutput(role) }
    } catch (err) {
      if (isStoreError(err, 'AlreadyExists')) throw iamError('InvalidInput', roleNameTakenMessage(name))
      throw err
    }
  }
})
