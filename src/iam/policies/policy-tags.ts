import { defineOperation } from '../../server/operation.js'
import { iamError } from '../shared/errors.js'
import { requestTagContext, tagKeysContext, toApiTags, toStoreTags, type ApiTag } from '../shared/tags.js'

const resource = (input: { PolicyArn: string }): string => input.PolicyArn

/** TagPolicy: customer managed policies only (AWS managed ones are not in the account). */
export const tagPolicy = defineOperation({
  service: 'iam',
  name: 'TagPolicy',
  resource,
  conditionContext: (input: { PolicyArn: string; Tags: ApiTag[] }) => requestTagContext(input.Tags),
  handler: async (input: { PolicyArn: string; Tags: ApiTag[] }, ctx) => {
    await ctx.store.tagPolicy(input.PolicyArn, toStoreTags(input.Tags))
    return undefined
  }
})

/** UntagPolicy: unknown keys are ignored. */
export const untagPolicy = defineOperation({
  service: 'iam',
  name: 'UntagPolicy',
  resource,
  conditionContext: (input: { PolicyArn: string; TagKeys: string[] }) => tagKeysContext(input.TagKeys),
  handler: async (input: { PolicyArn: string; TagKeys: string[] }, ctx) => {
    await ctx.store.untagPolicy(input.PolicyArn, input.TagKeys)
    return undefined
  }
})

/** ListPolicyTags: at most 50 tags, so one page. */
export const listPolicyTags = defineOperation({
  service: 'iam',
  name: 'ListPolicyTags',
  resource,
  handler: async (input: { PolicyArn: string }, ctx) => {
    const policy = await ctx.store.getPolicy(input.PolicyArn)
    if (policy === undefined) throw iamError('NoSuchEntity', `Policy ${input.PolicyArn} was not found.`)
    return { Tags: toApiTags(policy.tags), IsTruncated: false }
  }
})
