/**
 * Who may see and act on a delegation request (IAM User Guide, "Managing permissions for
 * delegation requests"): a request targeted at an account exists only for identities of
 * that account; once a request has an owner, the owner may get and update it without a
 * policy; every other call is authorized by the caller's policies on the request's ARN,
 * with `iam:DelegationRequestOwner` set to its owner.
 */
import type { ContextValue } from '../../eval/index.js'
import type { OperationContext } from '../../server/operation.js'
import { isStoreError, type DelegationApprover, type DelegationRequestChanges, type DelegationRequestRecord } from '../../store/index.js'
import { iamError } from '../shared/errors.js'

/** arn:aws:iam::<account>:delegation-request/<id> (the service authorization reference's resource type). */
export function delegationRequestArn(accountId: string, id: string): string {
  return `arn:aws:iam::${accountId}:delegation-request/${id}`
}

export const noSuchDelegationRequest = (id: string) => iamError('NoSuchEntity', `The delegation request with id ${id} cannot be found.`)

/** The owner's default permissions: reading and updating its own request. */
export type OwnerDefault = 'owner-may' | 'policy-only'

/**
 * The request `id` after authorizing `action` on it for the caller; NoSuchEntity when it
 * does not exist or belongs to another account's identities.
 */
export async function authorizedRequest(ctx: OperationContext, id: string, action: string, owner: OwnerDefault): Promise<DelegationRequestRecord> {
  const found = await ctx.store.getDelegationRequest(id)
  const r = found && (found.ownerAccountId === undefined || found.ownerAccountId === ctx.caller.accountId) ? found : undefined
  const ownerMay = owner === 'owner-may' && r?.ownerId !== undefined && r.ownerId === ctx.caller.arn
  if (!ownerMay) {
    const context: Record<string, ContextValue> = r?.ownerId !== undefined ? { 'iam:DelegationRequestOwner': r.ownerId } : {}
    await ctx.authorize(action, delegationRequestArn(ctx.accountId, id), context)
  }
  if (!r) throw noSuchDelegationRequest(id)
  return r
}

/** Saves a state change against the version read; a racing change answers ConcurrentModification. */
export async function saveChange(ctx: OperationContext, r: DelegationRequestRecord, changes: DelegationRequestChanges): Promise<DelegationRequestRecord> {
  try {
    return await ctx.store.updateDelegationRequest(r.id, r.version, { ...changes, updatedTime: ctx.now })
  } catch (err) {
    if (isStoreError(err) && err.kind === 'Conflict') throw iamError('ConcurrentModification', err.message)
    throw err
  }
}

/**
 * The identity AcceptDelegationRequest records, whose permissions (intersected with the
 * request's policy) the delegated credentials get. Sessions that already carry session
 * policies (or are themselves delegated) cannot accept: the delegated session could not
 * keep their limits, so it would grant more than the approver holds.
 */
export function approverOf(ctx: OperationContext, requestId: string): DelegationApprover {
  const c = ctx.caller
  const s = c.session
  const refuse = (why: string) =>
    iamError('AccessDenied', `User: ${c.arn} is not authorized to perform: iam:AcceptDelegationRequest on resource: ${delegationRequestArn(ctx.accountId, requestId)} because ${why}`)
  if (c.kind === 'delegated' || s?.policy !== undefined || (s?.policyArns?.length ?? 0) > 0) throw refuse('its session is limited by session policies')
  if (c.kind === 'assumed-role' && s?.roleArn !== undefined && s.roleId !== undefined) {
    return { kind: 'role', arn: c.arn, roleId: s.roleId, roleArn: s.roleArn }
  }
  if ((c.kind === 'user' || c.kind === 'session-user') && c.userName !== undefined) {
    return { kind: 'user', arn: c.arn, userId: c.userId, userName: c.userName }
  }
  if (c.kind === 'root' || c.kind === 'session-user') return { kind: 'root', arn: `arn:aws:iam::${c.accountId}:root` }
  throw refuse('only root, IAM users and role sessions can accept delegation requests')
}
