import { getAwsManagedPolicy, isAwsManagedPolicyArn } from '../../catalog/index.js'
import { defineOperation } from '../../server/operation.js'
import type { ListEntitiesForPolicyRequest, PolicyEntity } from '../../store/index.js'
import { iamError } from '../shared/errors.js'
import { pageOutput, pathPageRequest, type ApiPageInput } from '../shared/paging.js'

interface ListEntitiesForPolicyInput extends ApiPageInput {
  PolicyArn: string
  EntityFilter?: 'User' | 'Role' | 'Group' | 'LocalManagedPolicy' | 'AWSManagedPolicy'
  PathPrefix?: string
  PolicyUsageFilter?: 'PermissionsPolicy' | 'PermissionsBoundary'
}

/**
 * ListEntitiesForPolicy: users, groups and roles that attach the policy (or use it as a
 * boundary), split into PolicyUsers, PolicyGroups and PolicyRoles. The EntityFilter values
 * LocalManagedPolicy and AWSManagedPolicy name no principals, so they list nothing.
 */
export const listEntitiesForPolicy = defineOperation({
  service: 'iam',
  name: 'ListEntitiesForPolicy',
  resource: (input: ListEntitiesForPolicyInput) => input.PolicyArn,
  handler: async (input: ListEntitiesForPolicyInput, ctx) => {
    if (isAwsManagedPolicyArn(input.PolicyArn) && (await getAwsManagedPolicy(input.PolicyArn)) === undefined) {
      throw iamError('NoSuchEntity', `Policy ${input.PolicyArn} was not found.`)
    }
    const filter = input.EntityFilter
    const request: ListEntitiesForPolicyRequest = pathPageRequest(input)
    if (filter === 'User' || filter === 'Group' || filter === 'Role') request.entityFilter = filter
    if (input.PolicyUsageFilter !== undefined) request.policyUsageFilter = input.PolicyUsageFilter
    const page = filter === 'LocalManagedPolicy' || filter === 'AWSManagedPolicy'
      ? { items: [] as PolicyEntity[], isTruncated: false }
      : await ctx.store.listEntitiesForPolicy(input.PolicyArn, request)
    const of = (type: PolicyEntity['type'], idMember: string, nameMember: string): Record<string, string>[] =>
      page.items.filter((e) => e.type === type).map((e) => ({ [nameMember]: e.name, [idMember]: e.id }))
    return {
      PolicyGroups: of('group', 'GroupId', 'GroupName'),
      PolicyUsers: of('user', 'UserId', 'UserName'),
      PolicyRoles: of('role', 'RoleId', 'RoleName'),
      ...pageOutput(page)
    }
  }
})
