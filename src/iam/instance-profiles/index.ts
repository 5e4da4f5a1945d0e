/** The IAM operations of this folder, collected by src/iam/index.ts. */
import type { OperationSpec } from '../../server/operation.js'
import { createInstanceProfile } from './create-instance-profile.js'
import { deleteInstanceProfile } from './delete-instance-profile.js'
import { getInstanceProfile } from './get-instance-profile.js'
import { addRoleToInstanceProfile, removeRoleFromInstanceProfile } from './instance-profile-roles.js'
import { listInstanceProfileTags, tagInstanceProfile, untagInstanceProfile } from './instance-profile-tags.js'
import { listInstanceProfiles, listInstanceProfilesForRole } from './list-instance-profiles.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation has its own input/output types
export const operations: OperationSpec<any, any>[] = [
  createInstanceProfile,
  getInstanceProfile,
  listInstanceProfiles,
  deleteInstanceProfile,
  addRoleToInstanceProfile,
  removeRoleFromInstanceProfile,
  listInstanceProfilesForRole,
  tagInstanceProfile,
  untagInstanceProfile,
  listInstanceProfileTags
]
