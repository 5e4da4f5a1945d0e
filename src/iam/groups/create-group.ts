import { defineOperation } from '../../server/operation.js'
import { entityArn } from '../../store/arn.js'
import { groupOutput } from './shapes.js'

interface CreateGroupInput {
  GroupName: string
  Path?: string
}

/** CreateGroup: authorized on the new group's ARN with its path. */
export const createGroup = defineOperation({
  service: 'iam',
  name: 'CreateGroup',
  resource: (input: CreateGroupInput, ctx) => entityArn(ctx.accountId, 'group', input.Path ?? '/', input.GroupName),
  handler: async (input: CreateGroupInput, ctx) => {
    const group = await ctx.store.createGroup({ name: input.GroupName, path: input.Path ?? '/' })
    return { Group: groupOutput(group) }
  }
})
