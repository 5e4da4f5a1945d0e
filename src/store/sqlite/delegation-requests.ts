import {
  changedDelegation, DELEGATION_COLUMNS, delegationBody, delegationMoved, delegationNotFound, delegationRecord, workflowIdTaken, type DelegationRow
} from '../delegation-records.js'
import type { DelegationRequestRecord } from '../delegation-types.js'
import { decodeMarker, pageSize, toPage } from '../paging.js'
import type { DelegationRequestStore } from '../store.js'
import { insertUnique, type SqliteContext } from './context.js'
import type { Sync } from './sync.js'

/** DelegationRequestStore over SQLite (one writer at a time; the version check still guards read-then-write across calls). */
export function delegationRequestOps(ctx: SqliteContext): Sync<DelegationRequestStore> {
  const find = (id: string) => ctx.get<DelegationRow>(`SELECT ${DELEGATION_COLUMNS} FROM delegation_requests WHERE id = ?`, id)
  const require = (id: string): DelegationRequestRecord => {
    const row = find(id)
    if (!row) throw delegationNotFound(id)
    return delegationRecord(row)
  }
  return {
    createDelegationRequest(input) {
      insertUnique(() => ctx.run(
        'INSERT INTO delegation_requests (id, version, requestor_account_id, workflow_id, owner_account_id, owner_id, body) VALUES (?, 1, ?, ?, ?, ?, ?)',
        input.id, input.requestorAccountId, input.requestorWorkflowId, input.ownerAccountId, input.ownerId, delegationBody(input)
      ), workflowIdTaken(input.requestorWorkflowId).message, 'delegation-request')
      return require(input.id)
    },
    getDelegationRequest(id) {
      const row = find(id)
      return row && delegationRecord(row)
    },
    listDelegationRequests(request) {
      const size = pageSize(request)
      const after = request.marker !== undefined ? String(decodeMarker(request.marker, 1)[0]) : ''
      const rows = ctx.all<DelegationRow>(
        `SELECT ${DELEGATION_COLUMNS} FROM delegation_requests WHERE owner_account_id = ? AND owner_id IS NOT NULL` +
          ` AND (? IS NULL OR owner_id = ?) AND id > ? ORDER BY id LIMIT ?`,
        request.ownerAccountId, request.ownerId ?? null, request.ownerId ?? null, after, size + 1
      )
      return toPage(rows, size, delegationRecord, (r) => [r.id])
    },
    updateDelegationRequest(id, expectedVersion, changes) {
      const current = require(id)
      if (current.version !== expectedVersion) throw delegationMoved()
      const next = changedDelegation(current, changes)
      const result = ctx.run(
        'UPDATE delegation_requests SET version = version + 1, owner_account_id = ?, owner_id = ?, body = ? WHERE id = ? AND version = ?',
        next.ownerAccountId, next.ownerId, delegationBody(next), id, expectedVersion
      )
      if (result.changes === 0) throw delegationMoved()
      return require(id)
    }
  }
}
