import { defineOperation } from '../../server/operation.js'
import { principalResourceArn } from '../shared/entities.js'
import { pageOutput, pageRequest, type ApiPageInput } from '../shared/paging.js'
import { groupOutput } from './shapes.js'

/** ListGroupsForUser: authorized on the user. */
export const listGroupsForUser = defineOperation({
  service: 'iam',
  name: 'ListGroupsForUser',
  resource: (input: { UserName: string }, ctx) => principalResourceArn(ctx.store, ctx.accountId, 'user', input.UserName),
  handler: async (input: ApiPageInput & { UserName: string }, ctx) => {
    const page = await ctx.store.listGroupsForUser(input.UserName, pageRequest(input))
    return { Groups: page.items.map(groupOutput), ...pageOutput(page) }
  }
})
