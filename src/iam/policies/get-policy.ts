import { defineOperation } from '../../server/operation.js'
import { iamError } from '../shared/errors.js'
import { findManagedPolicy, policyOutput } from './managed-policy-view.js'

/** GetPolicy: customer policies from the store, AWS managed ones (any path) from the catalog snapshot. */
export const getPolicy = defineOperation({
  service: 'iam',
  name: 'GetPolicy',
  resource: (input: { PolicyArn: string }) => input.PolicyArn,
  handler: async (input: { PolicyArn: string }, ctx) => {
    const view = await findManagedPolicy(ctx.store, input.PolicyArn)
    if (view === undefined) throw iamError('NoSuchEntity', `Policy ${input.PolicyArn} was not found.`)
    return { Policy: policyOutput(view, true) }
  }
})
