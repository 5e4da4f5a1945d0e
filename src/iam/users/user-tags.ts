import { defineOperation, type OperationContext } from '../../server/operation.js'
import { principalResourceArn } from '../shared/entities.js'
import { iamError } from '../shared/errors.js'
import { requestTagContext, tagKeysContext, toApiTags, toStoreTags, type ApiTag } from '../shared/tags.js'

const resource = (input: { UserName: string }, ctx: OperationContext): Promise<string> =>
  principalResourceArn(ctx.store, ctx.accountId, 'user', input.UserName)

/** TagUser: adds or overwrites tags (50 at most). */
export const tagUser = defineOperation({
  service: 'iam',
  name: 'TagUser',
  resource,
  conditionContext: (input: { UserName: string; Tags: ApiTag[] }) => requestTagContext(input.Tags),
  handler: async (input: { UserName: string; Tags: ApiTag[] }, ctx) => {
    await ctx.store.tagUser(input.UserName, toStoreTags(input.Tags))
    return undefined
  }
})

/** UntagUser: removes tags by key; unknown keys are ignored, as in AWS. */
export const untagUser = defineOperation({
  service: 'iam',
  name: 'UntagUser',
  resource,
  conditionContext: (input: { UserName: string; TagKeys: string[] }) => tagKeysContext(input.TagKeys),
  handler: async (input: { UserName: string; TagKeys: string[] }, ctx) => {
    await ctx.store.untagUser(input.UserName, input.TagKeys)
    return undefined
  }
})

/** ListUserTags: all tags fit in one page (50 at most), so IsTruncated is always false. */
export const listUserTags = defineOperation({
  service: 'iam',
  name: 'ListUserTags',
  resource,
  handler: async (input: { UserName: string; Marker?: string; MaxItems?: number }, ctx) => {
    const user = await ctx.store.getUser(input.UserName)
    if (user === undefined) throw iamError('NoSuchEntity', `The user with name ${input.UserName} cannot be found.`)
    return { Tags: toApiTags(user.tags), IsTruncated: false }
  }
})
