/**
 * The calls that move a delegation request through its lifecycle (lifecycle.ts):
 * AssociateDelegationRequest, AcceptDelegationRequest, UpdateDelegationRequest,
 * RejectDelegationRequest and SendDelegationToken (IAM API reference). Each reads the
 * request, checks the caller and the state at the caller's clock, and saves the change
 * against the version it read.
 */
import type { OperationContext } from '../../server/operation.js'
import { defineOperation } from '../../server/operation.js'
import type { DelegationRequestChanges, DelegationRequestRecord } from '../../store/index.js'
import { iamError } from '../shared/errors.js'
import { approverOf, authorizedRequest, delegationRequestArn, saveChange, type OwnerDefault } from './access.js'
import { newExchangeToken } from './exchange-token.js'
import { currentState, expiryFor, transitionRefusal, type Transition } from './lifecycle.js'

interface IdInput {
  DelegationRequestId: string
  Notes?: string
}

interface TransitionSpec {
  name: string
  transition: Transition
  owner: OwnerDefault
  /** AcceptDelegationRequest's model has no InvalidInput: a refused state reads as a concurrent change there. */
  refusedAs: 'InvalidInput' | 'ConcurrentModification'
  /** The changes to save (may throw the call's own refusals). */
  changes: (r: DelegationRequestRecord, input: IdInput, ctx: OperationContext) => DelegationRequestChanges
}

function transitionOperation(spec: TransitionSpec) {
  return defineOperation({
    service: 'iam',
    name: spec.name,
    skipAuthorization: true,
    async handler(input: IdInput, ctx) {
      const r = await authorizedRequest(ctx, input.DelegationRequestId, `iam:${spec.name}`, spec.owner)
      const refusal = transitionRefusal(r, currentState(r, ctx.now), spec.transition)
      if (refusal !== undefined) throw iamError(spec.refusedAs, refusal)
      await saveChange(ctx, r, spec.changes(r, input, ctx))
      return undefined
    }
  })
}

export const associateDelegationRequest = transitionOperation({
  name: 'AssociateDelegationRequest',
  transition: 'associate',
  owner: 'policy-only',
  refusedAs: 'InvalidInput',
  changes: (_r, _input, ctx) => ({
    state: 'ASSIGNED',
    ownerId: ctx.caller.arn,
    ownerAccountId: ctx.caller.accountId,
    expirationTime: expiryFor('ASSIGNED', ctx.now, 0)
  })
})

export const acceptDelegationRequest = transitionOperation({
  name: 'AcceptDelegationRequest',
  transition: 'accept',
  owner: 'policy-only',
  refusedAs: 'ConcurrentModification',
  changes: (r, _input, ctx) => ({ state: 'ACCEPTED', approver: approverOf(ctx, r.id), expirationTime: expiryFor('ACCEPTED', ctx.now, 0) })
})

export const updateDelegationRequest = transitionOperation({
  name: 'UpdateDelegationRequest',
  transition: 'update',
  owner: 'owner-may',
  refusedAs: 'InvalidInput',
  changes: (r, input, ctx) => ({
    state: 'PENDING_APPROVAL',
    ...(input.Notes !== undefined ? { notes: input.Notes } : {}),
    // Forwarding for approval starts the 7 days of PENDING_APPROVAL; a later update keeps them.
    ...(r.state !== 'PENDING_APPROVAL' ? { expirationTime: expiryFor('PENDING_APPROVAL', ctx.now, 0) } : {})
  })
})

export const rejectDelegationRequest = transitionOperation({
  name: 'RejectDelegationRequest',
  transition: 'reject',
  owner: 'policy-only',
  refusedAs: 'InvalidInput',
  changes: (_r, input, ctx) => ({
    state: 'REJECTED',
    ...(input.Notes !== undefined ? { rejectionReason: input.Notes } : {}),
    expirationTime: expiryFor('REJECTED', ctx.now, 0)
  })
})

export const sendDelegationToken = transitionOperation({
  name: 'SendDelegationToken',
  transition: 'send',
  owner: 'policy-only',
  refusedAs: 'InvalidInput',
  changes: (r, _input, ctx) => {
    if (r.onlySendByOwner && r.ownerId !== ctx.caller.arn) {
      throw iamError('AccessDenied',
        `User: ${ctx.caller.arn} is not authorized to perform: iam:SendDelegationToken on resource: ${delegationRequestArn(ctx.accountId, r.id)} because only the owner of the delegation request may send its token`)
    }
    const { sealed } = newExchangeToken(ctx.keys, r.id)
    // The delegation period, and the token's life with it, starts now.
    return { state: 'FINALIZED', exchangeToken: sealed, expirationTime: expiryFor('FINALIZED', ctx.now, r.sessionDuration) }
  }
})
