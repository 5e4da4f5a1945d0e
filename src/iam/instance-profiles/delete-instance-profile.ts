/**
 * DeleteInstanceProfile (https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteInstanceProfile.html);
 * the store refuses with DeleteConflict while the profile holds a role.
 */
import { defineOperation } from './deps.js'
import { instanceProfileResourceArn, requireInstanceProfile } from './instance-profile-output.js'

export const deleteInstanceProfile = defineOperation<{ InstanceProfileName: string }, undefined>({
  service: 'iam',
  name: 'DeleteInstanceProfile',
  resource: (input, ctx) => instanceProfileResourceArn(ctx, input.InstanceProfileName),
  async handler(input, ctx) {
    await requireInstanceProfile(ctx, input.InstanceProfileName)
    await ctx.store.deleteInstanceProfile(input.InstanceProfileName)
    return undefined
  }
})
