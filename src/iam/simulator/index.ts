/** IAM's policy simulator operations, collected by src/iam/index.ts. */
import type { OperationSpec } from '../../server/operation.js'
import { getContextKeysForCustomPolicy } from './get-context-keys-for-custom-policy.js'
import { getContextKeysForPrincipalPolicy } from './get-context-keys-for-principal-policy.js'
import { simulateCustomPolicy } from './simulate-custom-policy.js'
import { simulatePrincipalPolicy } from './simulate-principal-policy.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation has its own input/output types
export const operations: OperationSpec<any, any>[] = [
  simulatePrincipalPolicy, simulateCustomPolicy, getContextKeysForPrincipalPolicy, getContextKeysForCustomPolicy
]
