/** The IAM operations of this folder, collected by src/iam/index.ts. */
import type { OperationSpec } from '../../server/operation.js'
import { createUser } from './create-user.js'
import { deleteUser } from './delete-user.js'
import { getUser } from './get-user.js'
import { listUsers } from './list-users.js'
import { updateUser } from './update-user.js'
import { deleteUserPermissionsBoundary, putUserPermissionsBoundary } from './user-permissions-boundary.js'
import { listUserTags, tagUser, untagUser } from './user-tags.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation has its own input/output types
export const operations: OperationSpec<any, any>[] = [
  createUser, getUser, listUsers, updateUser, deleteUser,
  tagUser, untagUser, listUserTags,
  putUserPermissionsBoundary, deleteUserPermissionsBoundary
]
