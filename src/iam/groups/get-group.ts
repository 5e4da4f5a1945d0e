import { defineOperation } from '../../server/operation.js'
import { principalResourceArn } from '../shared/entities.js'
import { iamError } from '../shared/errors.js'
import { pageOutput, pageRequest, type ApiPageInput } from '../shared/paging.js'
import { userOutput } from '../users/shapes.js'
import { groupOutput } from './shapes.js'

interface GetGroupInput extends ApiPageInput {
  GroupName: string
}

/** GetGroup: the group and a page of its members (Marker/MaxItems page the users). */
export const getGroup = defineOperation({
  service: 'iam',
  name: 'GetGroup',
  resource: (input: GetGroupInput, ctx) => principalResourceArn(ctx.store, ctx.accountId, 'group', input.GroupName),
  handler: async (input: GetGroupInput, ctx) => {
    const group = await ctx.store.getGroup(input.GroupName)
    if (group === undefined) throw iamError('NoSuchEntity', `The group with name ${input.GroupName} cannot be found.`)
    const page = await ctx.store.listGroupMembers(group.name, pageRequest(input))
    return { Group: groupOutput(group), Users: page.items.map((u) => userOutput(u, false)), ...pageOutput(page) }
  }
})
