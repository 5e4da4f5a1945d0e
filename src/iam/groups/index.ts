/** The IAM operations of this folder, collected by src/iam/index.ts. */
import type { OperationSpec } from '../../server/operation.js'
import { createGroup } from './create-group.js'
import { deleteGroup } from './delete-group.js'
import { getGroup } from './get-group.js'
import { addUserToGroup, removeUserFromGroup } from './group-membership.js'
import { listGroups } from './list-groups.js'
import { listGroupsForUser } from './list-groups-for-user.js'
import { updateGroup } from './update-group.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation has its own input/output types
export const operations: OperationSpec<any, any>[] = [
  createGroup, getGroup, listGroups, updateGroup, deleteGroup,
  addUserToGroup, removeUserFromGroup, listGroupsForUser
]
