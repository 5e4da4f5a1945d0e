/** The IAM operations of this folder (IAM temporary delegation), collected by src/iam/index.ts. */
import type { OperationSpec } from '../../server/operation.js'
import { createDelegationRequest } from './create-delegation-request.js'
import { getDelegationRequest, listDelegationRequests } from './get-delegation-request.js'
import { getHumanReadableSummary } from './human-readable-summary.js'
import {
  acceptDelegationRequest, associateDelegationRequest, rejectDelegationRequest, sendDelegationToken, updateDelegationRequest
} from './state-changes.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation has its own input/output types
export const operations: OperationSpec<any, any>[] = [
  createDelegationRequest,
  getDelegationRequest,
  listDelegationRequests,
  associateDelegationRequest,
  acceptDelegationRequest,
  updateDelegationRequest,
  rejectDelegationRequest,
  sendDelegationToken,
  getHumanReadableSummary
]

export { delegationRequestOutput } from './lifecycle.js'
export { exchangeTokenMatches, exchangeTokenRequestId, openExchangeToken } from './exchange-token.js'
export { currentState } from './lifecycle.js'
