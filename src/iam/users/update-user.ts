import { defineOperation } from '../../server/operation.js'
import { principalResourceArn } from '../shared/entities.js'
import { iamError } from '../shared/errors.js'
import { renameOrMove } from '../shared/rename.js'

interface UpdateUserInput {
  UserName: string
  NewPath?: string
  NewUserName?: string
}

/**
 * UpdateUser: renames and/or moves a user. AWS requires permission on both the source
 * and the target user, so the new ARN is authorized too.
 */
export const updateUser = defineOperation({
  service: 'iam',
  name: 'UpdateUser',
  resource: (input: UpdateUserInput, ctx) => principalResourceArn(ctx.store, ctx.accountId, 'user', input.UserName),
  handler: async (input: UpdateUserInput, ctx) => {
    const user = await ctx.store.getUser(input.UserName)
    if (user === undefined) throw iamError('NoSuchEntity', `The user with name ${input.UserName} cannot be found.`)
    await renameOrMove(ctx, 'iam:UpdateUser', 'user', user, { newName: input.NewUserName, newPath: input.NewPath }, (changes) => ctx.store.updateUser(user.name, changes))
    return undefined
  }
})
