/**
 * TagInstanceProfile, UntagInstanceProfile and ListInstanceProfileTags
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagInstanceProfile.html).
 */
import { defineOperation, requestTagContext, tagKeysContext, tagPage, toStoreTags, type ApiTag } from './deps.js'
import { instanceProfileResourceArn, requireInstanceProfile } from './instance-profile-output.js'

export const tagInstanceProfile = defineOperation<{ InstanceProfileName: string; Tags: ApiTag[] }, undefined>({
  service: 'iam',
  name: 'TagInstanceProfile',
  resource: (input, ctx) => instanceProfileResourceArn(ctx, input.InstanceProfileName),
  conditionContext: (input) => requestTagContext(input.Tags),
  async handler(input, ctx) {
    await requireInstanceProfile(ctx, input.InstanceProfileName)
    await ctx.store.tagInstanceProfile(input.InstanceProfileName, toStoreTags(input.Tags))
    return undefined
  }
})

export const untagInstanceProfile = defineOperation<{ InstanceProfileName: string; TagKeys: string[] }, undefined>({
  service: 'iam',
  name: 'UntagInstanceProfile',
  resource: (input, ctx) => instanceProfileResourceArn(ctx, input.InstanceProfileName),
  conditionContext: (input) => tagKeysContext(input.TagKeys),
  async handler(input, ctx) {
    await requireInstanceProfile(ctx, input.InstanceProfileName)
    await ctx.store.untagInstanceProfile(input.InstanceProfileName, input.TagKeys)
    return undefined
  }
})

export const listInstanceProfileTags = defineOperation<{ InstanceProfileName: string; Marker?: string; MaxItems?: number }, Record<string, unknown>>({
  service: 'iam',
  name: 'ListInstanceProfileTags',
  resource: (input, ctx) => instanceProfileResourceArn(ctx, input.InstanceProfileName),
  async handler(input, ctx) {
    const profile = await requireInstanceProfile(ctx, input.InstanceProfileName)
    return tagPage(profile.tags, input.Marker, input.MaxItems)
  }
})
