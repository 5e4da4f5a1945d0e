import { defineOperation } from '../../server/operation.js'
import { pageOutput, pathPageRequest, type ApiPageInput } from '../shared/paging.js'
import { userOutput } from './shapes.js'

interface ListUsersInput extends ApiPageInput {
  PathPrefix?: string
}

/** ListUsers: authorized on `*` (the action has no resource type in the Service Authorization Reference). */
export const listUsers = defineOperation({
  service: 'iam',
  name: 'ListUsers',
  handler: async (input: ListUsersInput, ctx) => {
    const page = await ctx.store.listUsers(pathPageRequest(input))
    return { Users: page.items.map((u) => userOutput(u, false)), ...pageOutput(page) }
  }
})
