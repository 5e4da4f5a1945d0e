import { defineOperation, type OperationContext } from '../../server/operation.js'
import { principalResourceArn } from '../shared/entities.js'

interface MembershipInput {
  GroupName: string
  UserName: string
}

// Both actions are authorized on the group (Service Authorization Reference: resource type group).
const resource = (input: MembershipInput, ctx: OperationContext): Promise<string> =>
  principalResourceArn(ctx.store, ctx.accountId, 'group', input.GroupName)

/** AddUserToGroup: a no-op when the user already belongs; LimitExceeded past 10 groups per user. */
export const addUserToGroup = defineOperation({
  service: 'iam',
  name: 'AddUserToGroup',
  resource,
  handler: async (input: MembershipInput, ctx) => {
    await ctx.store.addUserToGroup(input.GroupName, input.UserName)
    return undefined
  }
})

/** RemoveUserFromGroup: NoSuchEntity when the group, the user or the membership is missing. */
export const removeUserFromGroup = defineOperation({
  service: 'iam',
  name: 'RemoveUserFromGroup',
  resource,
  handler: async (input: MembershipInput, ctx) => {
    await ctx.store.removeUserFromGroup(input.GroupName, input.UserName)
    return undefined
  }
})
