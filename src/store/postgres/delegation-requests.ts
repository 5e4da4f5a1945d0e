import {
  changedDelegation, DELEGATION_COLUMNS, delegationBody, delegationMoved, delegationNotFound, delegationRecord, workflowIdTaken, type DelegationRow
} from '../delegation-records.js'
import type { DelegationRequestRecord } from '../delegation-types.js'
import { decodeMarker, pageSize, toPage } from '../paging.js'
import type { DelegationRequestStore } from '../store.js'
import { insertUnique } from './errors.js'
import type { WithSession } from './ops.js'
import type { PgSession } from './session.js'

async function require(s: PgSession, id: string, lock = false): Promise<DelegationRequestRecord> {
  const row = await s.get<DelegationRow>(`SELECT ${DELEGATION_COLUMNS} FROM delegation_requests WHERE id = ?${lock ? ' FOR UPDATE' : ''}`, id)
  if (!row) throw delegationNotFound(id)
  return delegationRecord(row)
}

/** DelegationRequestStore over PostgreSQL: updates lock the row, then check the version the caller read. */
export const delegationRequestOps: WithSession<DelegationRequestStore> = {
  async createDelegationRequest(s, input) {
    await insertUnique(() => s.run(
      'INSERT INTO delegation_requests (id, version, requestor_account_id, workflow_id, owner_account_id, owner_id, body) VALUES (?, 1, ?, ?, ?, ?, ?)',
      input.id, input.requestorAccountId, input.requestorWorkflowId, input.ownerAccountId, input.ownerId, delegationBody(input)
    ), workflowIdTaken(input.requestorWorkflowId).message, 'delegation-request')
    return require(s, input.id)
  },
  async getDelegationRequest(s, id) {
    const row = await s.get<DelegationRow>(`SELECT ${DELEGATION_COLUMNS} FROM delegation_requests WHERE id = ?`, id)
    return row && delegationRecord(row)
  },
  async listDelegationRequests(s, request) {
    const size = pageSize(request)
    const after = request.marker !== undefined ? String(decodeMarker(request.marker, 1)[0]) : ''
    const rows = await s.all<DelegationRow>(
      `SELECT ${DELEGATION_COLUMNS} FROM delegation_requests WHERE owner_account_id = ? AND owner_id IS NOT NULL` +
        ` AND (?::text IS NULL OR owner_id = ?) AND id > ? ORDER BY id LIMIT ?`,
      request.ownerAccountId, request.ownerId ?? null, request.ownerId ?? null, after, size + 1
    )
    return toPage(rows, size, delegationRecord, (r) => [r.id])
  },
  async updateDelegationRequest(s, id, expectedVersion, changes) {
    const current = await require(s, id, true)
    if (current.version !== expectedVersion) throw delegationMoved()
    const next = changedDelegation(current, changes)
    await s.run('UPDATE delegation_requests SET version = version + 1, owner_account_id = ?, owner_id = ?, body = ? WHERE id = ?',
      next.ownerAccountId, next.ownerId, delegationBody(next), id)
    return require(s, id)
  }
}
