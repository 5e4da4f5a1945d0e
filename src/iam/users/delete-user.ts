import { defineOperation } from '../../server/operation.js'
import { principalResourceArn } from '../shared/entities.js'

interface DeleteUserInput {
  UserName: string
}

/** DeleteUser: DeleteConflict (the store's AWS wording) while the user has keys, policies or groups. */
export const deleteUser = defineOperation({
  service: 'iam',
  name: 'DeleteUser',
  resource: (input: DeleteUserInput, ctx) => principalResourceArn(ctx.store, ctx.accountId, 'user', input.UserName),
  handler: async (input: DeleteUserInput, ctx) => {
    await ctx.store.deleteUser(input.UserName)
    return undefined
  }
})
