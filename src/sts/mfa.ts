/**
 * MFA on STS calls: GetSessionToken and AssumeRole with `SerialNumber` and `TokenCode`
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html).
 * The code must come from a device enabled for the calling IAM user, be current (one step
 * of leeway each way around the device's learnt clock) and never have been used before.
 */
import { matchStep, totpStep } from '../auth/totp.js'
import { openSeed } from '../iam/mfa-devices/seed.js'
import { awsError } from '../protocol/index.js'
import type { OperationContext } from '../server/operation.js'

const UNKNOWN_DEVICE = 'MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.'
const INVALID_CODE = 'MultiFactorAuthentication failed with invalid MFA one time pass code. '
/** Steps accepted either side of the device's time: a code typed just as it rolled over still counts. */
const LEEWAY_STEPS = 1

/**
 * Verifies `tokenCode` for the caller's device `serialNumber` and consumes its time step;
 * returns the epoch seconds of the authentication (the session's mfaAuthenticatedAt).
 * Throws AccessDenied with AWS's words when the pair is incomplete, the device is not the
 * caller's, or the code is wrong or replayed.
 */
export async function authenticateMfa(ctx: OperationContext, serialNumber: string | undefined, tokenCode: string | undefined): Promise<number> {
  if (serialNumber === undefined || tokenCode === undefined) throw awsError('AccessDenied', UNKNOWN_DEVICE)
  const caller = ctx.caller
  // Only IAM users have MFA devices here (root's would be console-only).
  const userId = (caller.kind === 'user' || caller.kind === 'session-user') && caller.userName !== undefined ? caller.userId : undefined
  const device = userId === undefined ? undefined : await ctx.store.getMfaDevice(serialNumber)
  if (device === undefined || device.user?.id !== userId) throw awsError('AccessDenied', UNKNOWN_DEVICE)
  const seed = openSeed(ctx.keys, device.seedCiphertext)
  const step = seed && matchStep(seed, tokenCode, totpStep(ctx.now) + device.driftSteps, LEEWAY_STEPS, LEEWAY_STEPS)
  if (step === undefined || !(await ctx.store.useMfaStep(device.serialNumber, step))) throw awsError('AccessDenied', INVALID_CODE)
  return Math.floor(ctx.now.getTime() / 1000)
}
