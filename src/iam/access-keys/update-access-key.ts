/**
 * UpdateAccessKey and DeleteAccessKey
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccessKey.html,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteAccessKey.html). The store
 * answers NoSuchEntity unless the key exists and belongs to the user.
 */
import { defineOperation } from '../../server/operation.js'
import { iamError } from '../shared/errors.js'
import { requireTargetUser, targetUserArn } from './target-user.js'

export type UpdateAccessKeyRequest = { UserName?: string; AccessKeyId: string; Status: 'Active' | 'Inactive' | 'Expired' }

export const updateAccessKey = defineOperation<UpdateAccessKeyRequest, undefined>({
  service: 'iam',
  name: 'UpdateAccessKey',
  resource: (input, ctx) => targetUserArn(ctx, input.UserName),
  async handler(input, ctx) {
    // statusType also lists Expired, which only AWS sets (on keys it expires).
    if (input.Status !== 'Active' && input.Status !== 'Inactive') {
      throw iamError('InvalidInput', `Status must be Active or Inactive, got ${input.Status}.`)
    }
    const user = await requireTargetUser(ctx, input.UserName)
    await ctx.store.updateAccessKey(user.name, input.AccessKeyId, input.Status)
    return undefined
  }
})

export const deleteAccessKey = defineOperation<{ UserName?: string; AccessKeyId: string }, undefined>({
  service: 'iam',
  name: 'DeleteAccessKey',
  resource: (input, ctx) => targetUserArn(ctx, input.UserName),
  async handler(input, ctx) {
    const user = await requireTargetUser(ctx, input.UserName)
    await ctx.store.deleteAccessKey(user.name, input.AccessKeyId)
    return undefined
  }
})
