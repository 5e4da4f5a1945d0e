/**
 * DeactivateMFADevice (https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeactivateMFADevice.html):
 * takes the device from the user; a virtual device returns to the unassigned state.
 * `UserName` defaults to the calling user.
 */
import { defineOperation } from '../../server/operation.js'
import { requireTargetUser, targetUserArn } from '../access-keys/target-user.js'

export const deactivateMfaDevice = defineOperation<{ UserName?: string; SerialNumber: string }, undefined>({
  service: 'iam',
  name: 'DeactivateMFADevice',
  resource: (input, ctx) => targetUserArn(ctx, input.UserName),
  async handler(input, ctx) {
    const user = await requireTargetUser(ctx, input.UserName)
    // The store answers NoSuchEntity unless the device is enabled for this user.
    await ctx.store.deactivateMfaDevice(user.name, input.SerialNumber)
    return undefined
  }
})
