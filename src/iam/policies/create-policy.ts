import { defineOperation } from '../../server/operation.js'
import { entityArn } from '../../store/arn.js'
import { requirePolicyDocument } from '../shared/policy-document.js'
import { requestTagContext, toStoreTags, type ApiTag } from '../shared/tags.js'
import { customerPolicyView, policyOutput } from './managed-policy-view.js'

interface CreatePolicyInput {
  PolicyName: string
  Path?: string
  PolicyDocument: string
  Description?: string
  Tags?: ApiTag[]
}

/**
 * CreatePolicy: the document must be a valid identity policy of Version 2012-10-17 within
 * 6,144 characters (white space not counted); authorized on the new policy's ARN.
 */
export const createPolicy = defineOperation({
  service: 'iam',
  name: 'CreatePolicy',
  createsResource: true,
  resource: (input: CreatePolicyInput, ctx) => entityArn(ctx.accountId, 'policy', input.Path ?? '/', input.PolicyName),
  conditionContext: (input: CreatePolicyInput) => requestTagContext(input.Tags),
  handler: async (input: CreatePolicyInput, ctx) => {
    const document = requirePolicyDocument(input.PolicyDocument, { kind: 'identity', sizeLimit: 'managed' })
    const record = await ctx.store.createPolicy({
      name: input.PolicyName,
      path: input.Path ?? '/',
      document,
      tags: toStoreTags(input.Tags),
      ...(input.Description !== undefined ? { description: input.Description } : {})
    })
    return { Policy: policyOutput(customerPolicyView(record), true) }
  }
})
