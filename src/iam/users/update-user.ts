import { defineOperation } from '../../server/operation.js'
import { entityArn } from '../../store/arn.js'
import { principalResourceArn } from '../shared/entities.js'
import { iamError } from '../shared/errors.js'

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
    const target = entityArn(ctx.accountId, 'user', input.NewPath ?? user.path, input.NewUserName ?? user.name)
    if (target !== user.arn) await ctx.authorize('iam:UpdateUser', target)
    await ctx.store.updateUser(user.name, {
      ...(input.NewUserName !== undefined ? { newName: input.NewUserName } : {}),
      ...(input.NewPath !== undefined ? { newPath: input.NewPath } : {})
    })
    return undefined
  }
})
