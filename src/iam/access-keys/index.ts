/** The IAM operations of this folder, collected by src/iam/index.ts. */
import type { OperationSpec } from '../../server/operation.js'
import { createAccessKey } from './create-access-key.js'
import { getAccessKeyLastUsed } from './get-access-key-last-used.js'
import { listAccessKeys } from './list-access-keys.js'
import { deleteAccessKey, updateAccessKey } from './update-access-key.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation has its own input/output types
export const operations: OperationSpec<any, any>[] = [
  createAccessKey,
  listAccessKeys,
  updateAccessKey,
  deleteAccessKey,
  getAccessKeyLastUsed
]

export { generateSecretAccessKey, openSecret, sealSecret } from './secret.js'
