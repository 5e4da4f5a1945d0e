/** The IAM operations of this folder, collected by src/iam/index.ts. */
import type { OperationSpec } from '../../server/operation.js'
import { changePassword } from './change-password.js'
import { createLoginProfile } from './create-login-profile.js'
import { deleteLoginProfile } from './delete-login-profile.js'
import { getLoginProfile } from './get-login-profile.js'
import { updateLoginProfile } from './update-login-profile.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation has its own input/output types
export const operations: OperationSpec<any, any>[] = [
  createLoginProfile,
  getLoginProfile,
  updateLoginProfile,
  deleteLoginProfile,
  changePassword
]
