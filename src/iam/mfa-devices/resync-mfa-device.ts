/**
 * ResyncMFADevice (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ResyncMFADevice.html):
 * two consecutive codes from a device whose clock drifted (up to 10 minutes) teach Warden
 * the drift, so later single codes are looked for around the device's time.
 */
import { totpStep } from '../../auth/totp.js'
import { defineOperation } from '../../server/operation.js'
import { requireTargetUser, targetUserArn } from '../access-keys/target-user.js'
import { iamError } from '../shared/errors.js'
import type { MfaCodesInput } from './enable-mfa-device.js'
import { requireConsecutiveCodes, requireMfaDevice, RESYNC_RADIUS_STEPS } from './mfa-resource.js'

export const resyncMfaDevice = defineOperation<MfaCodesInput, undefined>({
  service: 'iam',
  name: 'ResyncMFADevice',
  resource: (input, ctx) => targetUserArn(ctx, input.UserName),
  async handler(input, ctx) {
    const user = await requireTargetUser(ctx, input.UserName)
    const device = await requireMfaDevice(ctx, input.SerialNumber)
    if (device.user?.id !== user.id) {
      throw iamError('NoSuchEntity', `MFA Device with serial number ${input.SerialNumber} not found for user ${user.name}.`)
    }
    const step = requireConsecutiveCodes(ctx, device, input.AuthenticationCode1, input.AuthenticationCode2, RESYNC_RADIUS_STEPS)
    await ctx.store.resyncMfaDevice(user.name, device.serialNumber, { lastUsedStep: step + 1, driftSteps: step + 1 - totpStep(ctx.now) })
    return undefined
  }
})
