/**
 * TagMFADevice, UntagMFADevice and ListMFADeviceTags
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagMFADevice.html).
 */
import { defineOperation } from '../../server/operation.js'
import { tagPage } from '../roles/memory-page.js'
import { requestTagContext, tagKeysContext, toStoreTags, type ApiTag } from '../shared/tags.js'
import { mfaResourceArn, requireMfaDevice } from './mfa-resource.js'

export const tagMfaDevice = defineOperation<{ SerialNumber: string; Tags: ApiTag[] }, undefined>({
  service: 'iam',
  name: 'TagMFADevice',
  resource: (input, ctx) => mfaResourceArn(ctx, input.SerialNumber),
  conditionContext: (input) => requestTagContext(input.Tags),
  async handler(input, ctx) {
    await ctx.store.tagMfaDevice(input.SerialNumber, toStoreTags(input.Tags))
    return undefined
  }
})

export const untagMfaDevice = defineOperation<{ SerialNumber: string; TagKeys: string[] }, undefined>({
  service: 'iam',
  name: 'UntagMFADevice',
  resource: (input, ctx) => mfaResourceArn(ctx, input.SerialNumber),
  conditionContext: (input) => tagKeysContext(input.TagKeys),
  async handler(input, ctx) {
    await ctx.store.untagMfaDevice(input.SerialNumber, input.TagKeys)
    return undefined
  }
})

export const listMfaDeviceTags = defineOperation<{ SerialNumber: string; Marker?: string; MaxItems?: number }, Record<string, unknown>>({
  service: 'iam',
  name: 'ListMFADeviceTags',
  resource: (input, ctx) => mfaResourceArn(ctx, input.SerialNumber),
  async handler(input, ctx) {
    const device = await requireMfaDevice(ctx, input.SerialNumber)
    return tagPage(device.tags, input.Marker, input.MaxItems)
  }
})
