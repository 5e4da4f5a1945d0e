/** The IAM operations of this folder, collected by src/iam/index.ts. */
import type { OperationSpec } from '../../server/operation.js'
import { createServiceLinkedRole } from './create-service-linked-role.js'
import { deleteServiceLinkedRole } from './delete-service-linked-role.js'
import { getServiceLinkedRoleDeletionStatus } from './get-service-linked-role-deletion-status.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation has its own input/output types
export const operations: OperationSpec<any, any>[] = [
  createServiceLinkedRole,
  deleteServiceLinkedRole,
  getServiceLinkedRoleDeletionStatus
]

export { SERVICE_LINKED_ROLES, serviceLinkedRoleSpec, type ServiceLinkedRoleSpec } from './services.js'
