/**
 * EnableMFADevice (https://docs.aws.amazon.com/IAM/latest/APIReference/API_EnableMFADevice.html):
 * assigns a virtual device to a user once two consecutive codes prove the device holds the
 * seed. The later code's step becomes the last one used, so neither code works again.
 */
import { defineOperation } from '../../server/operation.js'
import { requireTargetUser, targetUserArn } from '../access-keys/target-user.js'
import { iamError } from '../shared/errors.js'
import { ENABLE_RADIUS_STEPS, requireConsecutiveCodes, requireMfaDevice } from './mfa-resource.js'

export interface MfaCodesInput {
  UserName: string
  SerialNumber: string
  AuthenticationCode1: string
  AuthenticationCode2: string
}

export const enableMfaDevice = defineOperation<MfaCodesInput, undefined>({
  service: 'iam',
  name: 'EnableMFADevice',
  resource: (input, ctx) => targetUserArn(ctx, input.UserName),
  async handler(input, ctx) {
    const user = await requireTargetUser(ctx, input.UserName)
    const device = await requireMfaDevice(ctx, input.SerialNumber)
    if (device.user !== undefined) throw iamError('EntityAlreadyExists', 'MFA Device is already in use.')
    const step = requireConsecutiveCodes(ctx, device, input.AuthenticationCode1, input.AuthenticationCode2, ENABLE_RADIUS_STEPS)
    // Typing delay is not clock drift: enabling learns none; ResyncMFADevice does.
    await ctx.store.enableMfaDevice(user.name, device.serialNumber, { lastUsedStep: step + 1, driftSteps: 0 })
    return undefined
  }
})
