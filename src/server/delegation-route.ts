/**
 * Warden's stand-in for the SNS notifications of IAM temporary delegation (docs/delegation.md):
 * `GET /_warden/delegation-requests/<id>/notification`, SigV4-signed like any IAM call, shows
 * the request's requestor (and only it) the state AWS would have published and, once
 * SendDelegationToken ran, the exchange token.
 */
import type { KeyMaterial } from '../auth/key-material.js'
import { currentState, openExchangeToken } from '../iam/delegation-requests/index.js'
import { awsError } from '../protocol/index.js'
import type { Store } from '../store/index.js'
import type { Caller } from './operation.js'

export const DELEGATION_NOTIFICATION_ROUTE = /^\/_warden\/delegation-requests\/([\w-]{16,128})\/notification$/

/** The notification body for the requestor; NoSuchEntity for anyone else, as if the request did not exist. */
export async function delegationNotification(store: Store, keys: KeyMaterial, caller: Caller, id: string, now: Date): Promise<Record<string, string>> {
  const r = await store.getDelegationRequest(id)
  if (!r || r.requestorArn !== caller.arn) throw awsError('NoSuchEntity', `The delegation request with id ${id} cannot be found.`)
  const state = currentState(r, now)
  const out: Record<string, string> = { DelegationRequestId: r.id, RequestorWorkflowId: r.requestorWorkflowId, NotificationChannel: r.notificationChannel, State: state }
  if (state === 'FINALIZED' && r.exchangeToken !== undefined) {
    const token = openExchangeToken(keys, r.exchangeToken)
    if (token !== undefined) out.ExchangeToken = token
  }
  return out
}
