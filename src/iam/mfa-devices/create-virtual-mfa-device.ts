/**
 * CreateVirtualMFADevice (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateVirtualMFADevice.html):
 * a new, unassigned device with a random seed, returned this once as base32 text and as a
 * QR code PNG of its otpauth:// URI; the store keeps it sealed.
 */
import { base32Encode } from '../../auth/totp.js'
import { defineOperation } from '../../server/operation.js'
import { mfaSerialNumber } from '../../store/index.js'
import { iamError } from '../shared/errors.js'
import { requestTagContext, toApiTags, toStoreTags, type ApiTag } from '../shared/tags.js'
import { base32Blob } from './mfa-resource.js'
import { generateSeed, otpauthUri, qrCodePng, sealSeed } from './seed.js'

interface CreateVirtualMfaDeviceInput {
  Path?: string
  VirtualMFADeviceName: string
  Tags?: ApiTag[]
}

/** serialNumberType's maximum length: a longer path and name could never be named again. */
const MAX_SERIAL_LENGTH = 256

export const createVirtualMfaDevice = defineOperation<CreateVirtualMfaDeviceInput, { VirtualMFADevice: Record<string, unknown> }>({
  service: 'iam',
  name: 'CreateVirtualMFADevice',
  resource: (input, ctx) => mfaSerialNumber(ctx.accountId, input.Path ?? '/', input.VirtualMFADeviceName),
  conditionContext: (input) => requestTagContext(input.Tags),
  async handler(input, ctx) {
    const serial = mfaSerialNumber(ctx.accountId, input.Path ?? '/', input.VirtualMFADeviceName)
    if (serial.length > MAX_SERIAL_LENGTH) {
      throw iamError('ValidationError', `The serial number ${serial} would be longer than ${MAX_SERIAL_LENGTH} characters: use a shorter path or name.`)
    }
    const seed = generateSeed()
    const device = await ctx.store.createVirtualMfaDevice({
      name: input.VirtualMFADeviceName,
      ...(input.Path !== undefined ? { path: input.Path } : {}),
      seedCiphertext: sealSeed(ctx.keys, seed),
      tags: toStoreTags(input.Tags)
    })
    const account = await ctx.store.getAccount()
    const png = await qrCodePng(otpauthUri(device.name, account?.alias ?? ctx.accountId, base32Encode(seed)))
    const out: Record<string, unknown> = {
      SerialNumber: device.serialNumber,
      Base32StringSeed: base32Blob(seed),
      QRCodePNG: new Uint8Array(png)
    }
    if (device.tags.length > 0) out.Tags = toApiTags(device.tags)
    return { VirtualMFADevice: out }
  }
})
