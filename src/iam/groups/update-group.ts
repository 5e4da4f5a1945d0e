import { defineOperation } from '../../server/operation.js'
import { principalResourceArn } from '../shared/entities.js'
import { iamError } from '../shared/errors.js'
import { renameOrMove } from '../shared/rename.js'

interface UpdateGroupInput {
  GroupName: string
  NewPath?: string
  NewGroupName?: string
}

/** UpdateGroup: renames and/or moves a group; AWS requires permission on both the source and the target ARN. */
export const updateGroup = defineOperation({
  service: 'iam',
  name: 'UpdateGroup',
  resource: (input: UpdateGroupInput, ctx) => principalResourceArn(ctx.store, ctx.accountId, 'group', input.GroupName),
  handler: async (input: UpdateGroupInput, ctx) => {
    const group = await ctx.store.getGroup(input.GroupName)
    if (group === undefined) throw iamError('NoSuchEntity', `The group with name ${input.GroupName} cannot be found.`)
    await renameOrMove(ctx, 'iam:UpdateGroup', 'group', group, { newName: input.NewGroupName, newPath: input.NewPath }, (changes) => ctx.store.updateGroup(group.name, changes))
    return undefined
  }
})
