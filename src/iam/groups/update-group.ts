import { defineOperation } from '../../server/operation.js'
import { entityArn } from '../../store/arn.js'
import { principalResourceArn } from '../shared/entities.js'
import { iamError } from '../shared/errors.js'

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
    const target = entityArn(ctx.accountId, 'group', input.NewPath ?? group.path, input.NewGroupName ?? group.name)
    if (target !== group.arn) await ctx.authorize('iam:UpdateGroup', target)
    await ctx.store.updateGroup(group.name, {
      ...(input.NewGroupName !== undefined ? { newName: input.NewGroupName } : {}),
      ...(input.NewPath !== undefined ? { newPath: input.NewPath } : {})
    })
    return undefined
  }
})
