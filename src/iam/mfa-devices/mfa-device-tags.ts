/**
 * TagMFADevice, UntagMFADevice and ListMFADeviceTags
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagMFADevice.html).
 */
import { tagOperations } from '../shared/tag-operations.js'
import { mfaResourceArn, requireMfaDevice } from './mfa-resource.js'

export const [tagMfaDevice, untagMfaDevice, listMfaDeviceTags] = tagOperations({
  entity: 'MFADevice',
  member: 'SerialNumber',
  resource: mfaResourceArn,
  async require(ctx, serialNumber) {
    const device = await requireMfaDevice(ctx, serialNumber)
    return { name: device.serialNumber, tags: device.tags }
  },
  tag: (ctx, serialNumber, tags) => ctx.store.tagMfaDevice(serialNumber, tags),
  untag: (ctx, serialNumber, keys) => ctx.store.untagMfaDevice(serialNumber, keys)
})
