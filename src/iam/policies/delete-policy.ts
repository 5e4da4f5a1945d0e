import { defineOperation } from '../../server/operation.js'

/**
 * DeletePolicy: DeleteConflict (the store's AWS wording) while the policy is attached,
 * used as a boundary or has non-default versions.
 */
export const deletePolicy = defineOperation({
  service: 'iam',
  name: 'DeletePolicy',
  resource: (input: { PolicyArn: string }) => input.PolicyArn,
  handler: async (input: { PolicyArn: string }, ctx) => {
    await ctx.store.deletePolicy(input.PolicyArn)
    return undefined
  }
})
