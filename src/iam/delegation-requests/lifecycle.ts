/**
 * The delegation request lifecycle (IAM User Guide, "Building your integration: Understanding
 * the Request Lifecycle"): which state each call moves a request from and to, and how long
 * each state lasts before the request expires. Expiry is lazy: a request whose
 * ExpirationTime has passed reads as EXPIRED to everyone, whatever its stored state.
 */
import type { DelegationRequestRecord, DelegationState } from '../../store/index.js'

const DAY_MS = 86_400_000

/** How long a request may stay in a state before it expires (User Guide: 1 day unassigned, 7 days otherwise). */
export const STATE_LIFETIME_MS: Record<Exclude<DelegationState, 'EXPIRED' | 'FINALIZED'>, number> = {
  UNASSIGNED: DAY_MS,
  ASSIGNED: 7 * DAY_MS,
  PENDING_APPROVAL: 7 * DAY_MS,
  ACCEPTED: 7 * DAY_MS,
  REJECTED: 7 * DAY_MS
}

/** When a request entering `state` at `at` expires; FINALIZED lasts the delegation period (SessionDuration). */
export function expiryFor(state: Exclude<DelegationState, 'EXPIRED'>, at: Date, sessionDurationSeconds: number): Date {
  if (state === 'FINALIZED') return new Date(at.getTime() + sessionDurationSeconds * 1000)
  return new Date(at.getTime() + STATE_LIFETIME_MS[state])
}

/** The state a reader sees at `now`. */
export function currentState(r: DelegationRequestRecord, now: Date): DelegationState {
  return r.state !== 'EXPIRED' && now.getTime() >= r.expirationTime.getTime() ? 'EXPIRED' : r.state
}

/** The call each transition belongs to, and the states it may start from. */
export const TRANSITIONS = {
  associate: { from: ['UNASSIGNED'], verb: 'associated' },
  accept: { from: ['ASSIGNED', 'PENDING_APPROVAL'], verb: 'accepted' },
  update: { from: ['ASSIGNED', 'PENDING_APPROVAL'], verb: 'updated' },
  reject: { from: ['ASSIGNED', 'PENDING_APPROVAL', 'ACCEPTED'], verb: 'rejected' },
  send: { from: ['ACCEPTED'], verb: 'sent a token' }
} as const satisfies Record<string, { from: readonly DelegationState[]; verb: string }>

export type Transition = keyof typeof TRANSITIONS

/** The refusal text when `state` does not allow `t`, or undefined when it does. */
export function transitionRefusal(r: DelegationRequestRecord, state: DelegationState, t: Transition): string | undefined {
  const spec = TRANSITIONS[t]
  if ((spec.from as readonly DelegationState[]).includes(state)) return undefined
  const allowed = spec.from.join(' or ')
  return `Delegation request ${r.id} is in state ${state} and cannot be ${spec.verb}; it must be ${allowed}.`
}

/** The model's DelegationRequest shape for a record, as seen at `now`. */
export function delegationRequestOutput(r: DelegationRequestRecord, now: Date): Record<string, unknown> {
  const out: Record<string, unknown> = {
    DelegationRequestId: r.id,
    Description: r.description,
    Permissions: {
      PolicyTemplateArn: r.policyTemplateArn,
      ...(r.parameters.length > 0 ? { Parameters: r.parameters.map((p) => ({ Name: p.name, Values: p.values, Type: p.type })) } : {})
    },
    PermissionPolicy: r.permissionPolicy,
    State: currentState(r, now),
    ExpirationTime: r.expirationTime,
    RequestorId: r.requestorAccountId,
    CreateDate: r.createDate,
    SessionDuration: r.sessionDuration,
    OnlySendByOwner: r.onlySendByOwner,
    UpdatedTime: r.updatedTime
  }
  if (r.ownerAccountId !== undefined) out.OwnerAccountId = r.ownerAccountId
  if (r.requestMessage !== undefined) out.RequestMessage = r.requestMessage
  if (r.ownerId !== undefined) out.OwnerId = r.ownerId
  if (r.approver !== undefined) out.ApproverId = r.approver.arn
  if (r.requestorName !== undefined) out.RequestorName = r.requestorName
  if (r.redirectUrl !== undefined) out.RedirectUrl = r.redirectUrl
  if (r.notes !== undefined) out.Notes = r.notes
  if (r.rejectionReason !== undefined) out.RejectionReason = r.rejectionReason
  return out
}
