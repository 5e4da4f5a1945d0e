import { defineOperation } from '../../server/operation.js'
import { pageOutput, pathPageRequest, type ApiPageInput } from '../shared/paging.js'
import { groupOutput } from './shapes.js'

/** ListGroups: authorized on `*` (no resource type in the Service Authorization Reference). */
export const listGroups = defineOperation({
  service: 'iam',
  name: 'ListGroups',
  handler: async (input: ApiPageInput & { PathPrefix?: string }, ctx) => {
    const page = await ctx.store.listGroups(pathPageRequest(input))
    return { Groups: page.items.map(groupOutput), ...pageOutput(page) }
  }
})
