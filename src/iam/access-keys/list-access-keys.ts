/** ListAccessKeys (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAccessKeys.html). */
import { defineOperation } from '../../server/operation.js'
import { pageInMemory } from '../roles/memory-page.js'
import { pageOutput } from '../shared/paging.js'
import { requireTargetUser, targetUserArn } from './target-user.js'

export const listAccessKeys = defineOperation<{ UserName?: string; Marker?: string; MaxItems?: number }, Record<string, unknown>>({
  service: 'iam',
  name: 'ListAccessKeys',
  resource: (input, ctx) => targetUserArn(ctx, input.UserName),
  async handler(input, ctx) {
    const user = await requireTargetUser(ctx, input.UserName)
    const keys = await ctx.store.listAccessKeys(user.name)
    const page = pageInMemory(keys, input.Marker, input.MaxItems)
    return {
      AccessKeyMetadata: page.items.map((k) => ({ UserName: k.userName, AccessKeyId: k.id, Status: k.status, CreateDate: k.createDate })),
      ...pageOutput(page)
    }
  }
})
