import { defineOperation } from '../../server/operation.js'
import { principalResourceArn } from '../shared/entities.js'

/** DeleteGroup: DeleteConflict (the store's AWS wording) while the group has members or policies. */
export const deleteGroup = defineOperation({
  service: 'iam',
  name: 'DeleteGroup',
  resource: (input: { GroupName: string }, ctx) => principalResourceArn(ctx.store, ctx.accountId, 'group', input.GroupName),
  handler: async (input: { GroupName: string }, ctx) => {
    await ctx.store.deleteGroup(input.GroupName)
    return undefined
  }
})
