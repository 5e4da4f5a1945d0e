/**
 * Delegation requests (IAM temporary delegation): the record every dialect stores, with
 * botocore's field names camelCased. See docs/delegation.md for the lifecycle.
 */

/** The model's `stateType` enum. */
export type DelegationState = 'UNASSIGNED' | 'ASSIGNED' | 'PENDING_APPROVAL' | 'ACCEPTED' | 'FINALIZED' | 'REJECTED' | 'EXPIRED'

export interface DelegationPolicyParameter {
  name: string
  values: string[]
  type: 'string' | 'stringList'
}

/** The identity that accepted a request: the one the delegated credentials act as. */
export interface DelegationApprover {
  kind: 'root' | 'user' | 'role'
  /** The caller's ARN at acceptance (ApproverId). */
  arn: string
  userId?: string
  userName?: string
  roleId?: string
  roleArn?: string
}

export interface DelegationRequestRecord {
  id: string
  /** Bumped by every update; updates name the version they read (compare-and-set). */
  version: number
  requestorAccountId: string
  /** ARN of the principal that called CreateDelegationRequest (the partner). */
  requestorArn: string
  requestorName?: string
  requestorWorkflowId: string
  ownerAccountId?: string
  ownerId?: string
  description: string
  requestMessage?: string
  policyTemplateArn: string
  parameters: DelegationPolicyParameter[]
  /** The template rendered with the parameters: the policy the delegated session is limited to. */
  permissionPolicy: string
  redirectUrl?: string
  notificationChannel: string
  sessionDuration: number
  onlySendByOwner: boolean
  state: DelegationState
  approver?: DelegationApprover
  notes?: string
  rejectionReason?: string
  createDate: Date
  updatedTime: Date
  /** When the current state expires (lazily: readers compare it with their clock). */
  expirationTime: Date
  /** The sealed exchange token, once SendDelegationToken ran. */
  exchangeToken?: string
  /** When the exchange token was traded for credentials (it is good once). */
  tokenRedeemedAt?: Date
}

/** What CreateDelegationRequest stores. */
export type CreateDelegationRequestInput = Omit<DelegationRequestRecord, 'version'>

/** The fields a state change may set; `undefined` leaves a field as it is. */
export type DelegationRequestChanges = Partial<Pick<DelegationRequestRecord,
  'ownerAccountId' | 'ownerId' | 'state' | 'approver' | 'notes' | 'rejectionReason' | 'updatedTime' | 'expirationTime' | 'exchangeToken' | 'tokenRedeemedAt'>>

export interface ListDelegationRequestsRequest {
  /** Only requests owned (OwnerId set) inside this account. */
  ownerAccountId: string
  ownerId?: string
  marker?: string
  maxItems?: number
}
