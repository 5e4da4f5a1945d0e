/** Shared pieces of the MFA device operations: resource ARNs, lookups, output shapes and code checks. */
import { base32Encode, matchConsecutiveSteps, totpStep } from '../../auth/totp.js'
import type { OperationContext } from '../../server/operation.js'
import type { MfaDeviceRecord } from '../../store/index.js'
import { iamError } from '../shared/errors.js'
import { userOutput, type UserOutput } from '../users/shapes.js'
import { openSeed } from './seed.js'

/** How far two EnableMFADevice codes may lie from the server's clock, in 30 s steps each way. */
export const ENABLE_RADIUS_STEPS = 3
/** ResyncMFADevice looks further: a device whose clock drifted up to 10 minutes. */
export const RESYNC_RADIUS_STEPS = 20

/** The MFA device, or IAM's NoSuchEntity. */
export async function requireMfaDevice(ctx: OperationContext, serialNumber: string): Promise<MfaDeviceRecord> {
  const device = await ctx.store.getMfaDevice(serialNumber)
  if (device === undefined) throw iamError('NoSuchEntity', `VirtualMFADevice with serial number ${serialNumber} doesn't exist.`)
  return device
}

/** The ARN an action on a device is authorized on: its stored serial number when it exists. */
export async function mfaResourceArn(ctx: OperationContext, serialNumber: string): Promise<string> {
  return (await ctx.store.getMfaDevice(serialNumber))?.serialNumber ?? serialNumber
}

/**
 * The first step of two consecutive codes of the device within `radius` steps of the
 * server's clock, later than any step the device already used; IAM's
 * InvalidAuthenticationCode otherwise.
 */
export function requireConsecutiveCodes(ctx: OperationContext, device: MfaDeviceRecord, code1: string, code2: string, radius: number): number {
  const seed = openSeed(ctx.keys, device.seedCiphertext)
  const step = seed && matchConsecutiveSteps(seed, code1, code2, totpStep(ctx.now), radius)
  if (step === undefined || (device.lastUsedStep !== undefined && step <= device.lastUsedStep)) {
    throw iamError('InvalidAuthenticationCode', 'Authentication code for device is not valid.')
  }
  return step
}

/** The VirtualMFADevice shape of list and create outputs (never the seed, except at creation). */
export function virtualMfaDeviceOutput(device: MfaDeviceRecord): { SerialNumber: string; User?: UserOutput; EnableDate?: Date } {
  const out: { SerialNumber: string; User?: UserOutput; EnableDate?: Date } = { SerialNumber: device.serialNumber }
  if (device.user !== undefined) out.User = userOutput(device.user, false)
  if (device.enableDate !== undefined) out.EnableDate = device.enableDate
  return out
}

/** The base32 text of a seed, as the bytes of the Base32StringSeed blob. */
export function base32Blob(seed: Uint8Array): Uint8Array {
  return new Uint8Array(Buffer.from(base32Encode(seed), 'ascii'))
}
