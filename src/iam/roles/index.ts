/** The IAM operations of this folder, collected by src/iam/index.ts. */
import type { OperationSpec } from '../../server/operation.js'
import { createRole } from './create-role.js'
import { deleteRole } from './delete-role.js'
import { getRole } from './get-role.js'
import { listRoles } from './list-roles.js'
import { deleteRolePermissionsBoundary, putRolePermissionsBoundary } from './role-permissions-boundary.js'
import { listRoleTags, tagRole, untagRole } from './role-tags.js'
import { updateAssumeRolePolicy } from './update-assume-role-policy.js'
import { updateRole, updateRoleDescription } from './update-role.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation has its own input/output types
export const operations: OperationSpec<any, any>[] = [
  createRole,
  getRole,
  listRoles,
  updateRole,
  updateRoleDescription,
  updateAssumeRolePolicy,
  deleteRole,
  tagRole,
  untagRole,
  listRoleTags,
  putRolePermissionsBoundary,
  deleteRolePermissionsBoundary
]

export { roleOutput, type RoleView } from './role-output.js'
export { isServiceLinkedRole, requireModifiableRole, protectedRoleMessage } from './service-linked.js'
