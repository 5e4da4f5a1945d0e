/**
 * GetMFADevice (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetMFADevice.html):
 * a device enabled for the user (`UserName` defaults to the caller). Certifications exist
 * only for FIDO keys, which Warden does not have.
 */
import { defineOperation } from '../../server/operation.js'
import { requireTargetUser, targetUserArn } from '../access-keys/target-user.js'
import { iamError } from '../shared/errors.js'

export const getMfaDevice = defineOperation<{ SerialNumber: string; UserName?: string }, Record<string, unknown>>({
  service: 'iam',
  name: 'GetMFADevice',
  resource: (input, ctx) => targetUserArn(ctx, input.UserName),
  async handler(input, ctx) {
    const user = await requireTargetUser(ctx, input.UserName)
    const device = await ctx.store.getMfaDevice(input.SerialNumber)
    if (device?.user?.id !== user.id) {
      throw iamError('NoSuchEntity', `MFA Device with serial number ${input.SerialNumber} not found for user ${user.name}.`)
    }
    return { UserName: user.name, SerialNumber: device.serialNumber, EnableDate: device.enableDate }
  }
})
