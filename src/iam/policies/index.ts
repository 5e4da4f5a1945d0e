/** The IAM operations of this folder, collected by src/iam/index.ts. */
import type { OperationSpec } from '../../server/operation.js'
import { attachmentOperationsForAll } from './attachments.js'
import { createPolicy } from './create-policy.js'
import { deletePolicy } from './delete-policy.js'
import { getPolicy } from './get-policy.js'
import { inlinePolicyOperationsForAll } from './inline-policies.js'
import { listEntitiesForPolicy } from './list-entities-for-policy.js'
import { listPolicies } from './list-policies.js'
import { createPolicyVersion, deletePolicyVersion, getPolicyVersion, listPolicyVersions, setDefaultPolicyVersion } from './policy-versions.js'
import { listPolicyTags, tagPolicy, untagPolicy } from './policy-tags.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation has its own input/output types
export const operations: OperationSpec<any, any>[] = [
  createPolicy, getPolicy, listPolicies, deletePolicy,
  createPolicyVersion, getPolicyVersion, listPolicyVersions, deletePolicyVersion, setDefaultPolicyVersion,
  tagPolicy, untagPolicy, listPolicyTags,
  ...attachmentOperationsForAll, listEntitiesForPolicy,
  ...inlinePolicyOperationsForAll
]
