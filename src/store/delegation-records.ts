/**
 * Delegation request rows, shared by every dialect: the record is kept whole as JSON
 * (`body`) beside the columns the store looks up by (id, the requestor's workflow id, the
 * owner), so both dialects map rows the same way.
 */
import { StoreError } from './errors.js'
import type { DelegationRequestChanges, DelegationRequestRecord } from './delegation-types.js'

export const DELEGATION_COLUMNS = 'id, version, body'

export interface DelegationRow {
  id: string
  version: number | string
  /** TEXT on SQLite, jsonb (already parsed) on PostgreSQL. */
  body: string | Record<string, unknown>
}

const DATE_FIELDS = ['createDate', 'updatedTime', 'expirationTime', 'tokenRedeemedAt'] as const

/** The record a row holds. */
export function delegationRecord(row: DelegationRow): DelegationRequestRecord {
  const body = (typeof row.body === 'string' ? JSON.parse(row.body) : row.body) as Record<string, unknown>
  for (const f of DATE_FIELDS) if (typeof body[f] === 'string') body[f] = new Date(body[f])
  return { ...(body as unknown as DelegationRequestRecord), id: row.id, version: Number(row.version) }
}

/** The JSON body of a record (id and version live in their own columns). */
export function delegationBody(record: Omit<DelegationRequestRecord, 'version'> & { version?: number }): string {
  const { id: _id, version: _version, ...rest } = record
  return JSON.stringify(rest)
}

/** The record with `changes` applied (undefined members leave fields as they are). */
export function changedDelegation(r: DelegationRequestRecord, changes: DelegationRequestChanges): DelegationRequestRecord {
  const next: DelegationRequestRecord = { ...r }
  for (const [k, v] of Object.entries(changes)) if (v !== undefined) (next as unknown as Record<string, unknown>)[k] = v
  return next
}

export const workflowIdTaken = (id: string) =>
  new StoreError('AlreadyExists', `A delegation request with RequestorWorkflowId ${id} already exists.`, 'delegation-request')

export const delegationNotFound = (id: string) =>
  new StoreError('NotFound', `The delegation request with id ${id} cannot be found.`, 'delegation-request')

/** Another update moved the request since it was read. */
export const delegationMoved = () =>
  new StoreError('Conflict', 'The delegation request was modified by another request. Retry with its current state.', 'delegation-request')
