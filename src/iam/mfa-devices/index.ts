/** The IAM operations of this folder, collected by src/iam/index.ts. */
import type { OperationSpec } from '../../server/operation.js'
import { createVirtualMfaDevice } from './create-virtual-mfa-device.js'
import { deactivateMfaDevice } from './deactivate-mfa-device.js'
import { deleteVirtualMfaDevice } from './delete-virtual-mfa-device.js'
import { enableMfaDevice } from './enable-mfa-device.js'
import { getMfaDevice } from './get-mfa-device.js'
import { listMfaDevices } from './list-mfa-devices.js'
import { listVirtualMfaDevices } from './list-virtual-mfa-devices.js'
import { listMfaDeviceTags, tagMfaDevice, untagMfaDevice } from './mfa-device-tags.js'
import { resyncMfaDevice } from './resync-mfa-device.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation has its own input/output types
export const operations: OperationSpec<any, any>[] = [
  createVirtualMfaDevice,
  enableMfaDevice,
  resyncMfaDevice,
  deactivateMfaDevice,
  deleteVirtualMfaDevice,
  listMfaDevices,
  listVirtualMfaDevices,
  getMfaDevice,
  tagMfaDevice,
  untagMfaDevice,
  listMfaDeviceTags
]
