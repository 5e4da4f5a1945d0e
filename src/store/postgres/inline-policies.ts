import { decodeMarker, pageSize, policySize, toPage } from '../paging.js'
import { PRINCIPALS, inlineNotFound, inlineSizeExceeded } from '../rules.js'
import type { InlinePolicyStore } from '../store.js'
import type { Page, PageRequest, PrincipalRef } from '../types.js'
import type { WithSession } from './ops.js'
import { principalId } from './principals.js'
import { afterKey } from './session.js'

/** InlinePolicyStore over PostgreSQL. */
export const inlinePolicyOps: WithSession<InlinePolicyStore> = {
  async putInlinePolicy(s, principal: PrincipalRef, policyName: string, document: string) {
    const table = PRINCIPALS[principal.type].inline
    // The aggregate size quota is summed under the principal's row lock.
    const id = await principalId(s, principal, 'update')
    const size = policySize(document)
    const others = (await s.get<{ n: number | null }>(`SELECT sum(size)::int AS n FROM ${table} WHERE principal_id = ? AND name <> ?`, id, policyName))?.n ?? 0
    const limit = s.limits.inlinePolicySize[principal.type]
    if (others + size > limit) throw inlineSizeExceeded(principal.type, principal.name, limit)
    await s.run(`INSERT INTO ${table} (principal_id, name, document, size) VALUES (?, ?, ?, ?)
                 ON CONFLICT (principal_id, name) DO UPDATE SET document = excluded.document, size = excluded.size`,
    id, policyName, document, size)
    s.bump()
  },
  async getInlinePolicy(s, principal: PrincipalRef, policyName: string) {
    const table = PRINCIPALS[principal.type].inline
    const row = await s.get<{ name: string; document: string }>(
      `SELECT p.name, p.document FROM ${table} p JOIN ${PRINCIPALS[principal.type].table} e ON e.id = p.principal_id
       WHERE lower(e.name) = lower(?) AND p.name = ?`, principal.name, policyName)
    return row && { name: row.name, document: row.document }
  },
  async deleteInlinePolicy(s, principal: PrincipalRef, policyName: string) {
    const table = PRINCIPALS[principal.type].inline
    const n = await s.run(`DELETE FROM ${table} WHERE principal_id = ? AND name = ?`, await principalId(s, principal), policyName)
    if (n === 0) throw inlineNotFound(principal.type, policyName)
    s.bump()
  },
  async listInlinePolicies(s, principal: PrincipalRef, request?: PageRequest): Promise<Page<string>> {
    const table = PRINCIPALS[principal.type].inline
    const id = await principalId(s, principal)
    const size = pageSize(request)
    const after = request?.marker === undefined ? undefined : decodeMarker(request.marker, 1)[0]
    const key = afterKey('name', after)
    const rows = await s.all<{ name: string }>(
      `SELECT name FROM ${table} WHERE principal_id = ?${key.sql} ORDER BY name LIMIT ?`, id, ...key.params, size + 1)
    return toPage(rows, size, (r) => r.name, (r) => [r.name])
  }
}
