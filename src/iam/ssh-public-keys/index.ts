/** The IAM operations of this folder, collected by src/iam/index.ts. */
import type { OperationSpec } from '../../server/operation.js'
import { getSshPublicKey } from './get-ssh-public-key.js'
import { listSshPublicKeys } from './list-ssh-public-keys.js'
import { deleteSshPublicKey, updateSshPublicKey } from './update-ssh-public-key.js'
import { uploadSshPublicKey } from './upload-ssh-public-key.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation has its own input/output types
export const operations: OperationSpec<any, any>[] = [uploadSshPublicKey, getSshPublicKey, listSshPublicKeys, updateSshPublicKey, deleteSshPublicKey]
