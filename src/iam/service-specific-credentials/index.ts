/** The IAM operations of this folder, collected by src/iam/index.ts. */
import type { OperationSpec } from '../../server/operation.js'
import { createServiceSpecificCredential } from './create-service-specific-credential.js'
import { listServiceSpecificCredentials } from './list-service-specific-credentials.js'
import {
  deleteServiceSpecificCredential, resetServiceSpecificCredential, updateServiceSpecificCredential
} from './update-service-specific-credential.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation has its own input/output types
export const operations: OperationSpec<any, any>[] = [
  createServiceSpecificCredential, listServiceSpecificCredentials, resetServiceSpecificCredential, updateServiceSpecificCredential, deleteServiceSpecificCredential
]
