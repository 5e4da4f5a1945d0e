/** DeleteLoginProfile (https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteLoginProfile.html): removes the console password. */
import { defineOperation } from '../../server/operation.js'
import { requireTargetUser, targetUserArn } from '../access-keys/target-user.js'

export const deleteLoginProfile = defineOperation<{ UserName?: string }, undefined>({
  service: 'iam',
  name: 'DeleteLoginProfile',
  resource: (input, ctx) => targetUserArn(ctx, input.UserName),
  async handler(input, ctx) {
    const user = await requireTargetUser(ctx, input.UserName)
    // The store answers AWS's NoSuchEntity when the user has no login profile.
    await ctx.store.deleteLoginProfile(user.name)
    return undefined
  }
})
