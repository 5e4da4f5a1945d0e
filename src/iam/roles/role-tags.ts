/**
 * TagRole, UntagRole and ListRoleTags
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagRole.html).
 */
import { defineOperation } from '../../server/operation.js'
import { requireRole, roleResourceArn } from './role-resource.js'
import { requestTagContext, tagKeysContext, toStoreTags, type ApiTag } from '../shared/tags.js'
import { tagPage } from './memory-page.js'

export const tagRole = defineOperation<{ RoleName: string; Tags: ApiTag[] }, undefined>({
  service: 'iam',
  name: 'TagRole',
  resource: (input, ctx) => roleResourceArn(ctx, input.RoleName),
  conditionContext: (input) => requestTagContext(input.Tags),
  async handler(input, ctx) {
    await requireRole(ctx, input.RoleName)
    await ctx.store.tagRole(input.RoleName, toStoreTags(input.Tags))
    return undefined
  }
})

export const untagRole = defineOperation<{ RoleName: string; TagKeys: string[] }, undefined>({
  service: 'iam',
  name: 'UntagRole',
  resource: (input, ctx) => roleResourceArn(ctx, input.RoleName),
  conditionContext: (input) => tagKeysContext(input.TagKeys),
  async handler(input, ctx) {
    await requireRole(ctx, input.RoleName)
    await ctx.store.untagRole(input.RoleName, input.TagKeys)
    return undefined
  }
})

export const listRoleTags = defineOperation<{ RoleName: string; Marker?: string; MaxItems?: number }, Record<string, unknown>>({
  service: 'iam',
  name: 'ListRoleTags',
  resource: (input, ctx) => roleResourceArn(ctx, input.RoleName),
  async handler(input, ctx) {
    const role = await requireRole(ctx, input.RoleName)
    return tagPage(role.tags, input.Marker, input.MaxItems)
  }
})
