/**
 * DeleteVirtualMFADevice (https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteVirtualMFADevice.html):
 * only an unassigned device can go (DeleteConflict otherwise); its seed goes with it.
 */
import { defineOperation } from '../../server/operation.js'
import { mfaResourceArn } from './mfa-resource.js'

export const deleteVirtualMfaDevice = defineOperation<{ SerialNumber: string }, undefined>({
  service: 'iam',
  name: 'DeleteVirtualMFADevice',
  resource: (input, ctx) => mfaResourceArn(ctx, input.SerialNumber),
  async handler(input, ctx) {
    await ctx.store.deleteVirtualMfaDevice(input.SerialNumber)
    return undefined
  }
})
