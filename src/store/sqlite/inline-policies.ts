import { decodeMarker, pageSize, policySize, toPage } from '../paging.js'
import { PRINCIPALS, inlineNotFound, inlineSizeExceeded } from '../rules.js'
import type { InlinePolicyStore } from '../store.js'
import type { InlinePolicyRecord, Page, PageRequest, PrincipalRef } from '../types.js'
import { afterKey, type SqliteContext } from './context.js'
import { principalId } from './principals.js'
import type { Sync } from './sync.js'

/** InlinePolicyStore over SQLite. */
export function inlinePolicyOps(ctx: SqliteContext): Sync<InlinePolicyStore> {
  return {
    putInlinePolicy(principal: PrincipalRef, policyName: string, document: string): void {
      const table = PRINCIPALS[principal.type].inline
      const id = principalId(ctx, principal)
      const size = policySize(document)
      const others = ctx.get<{ n: number | null }>(`SELECT sum(size) AS n FROM ${table} WHERE principal_id = ? AND name <> ?`, id, policyName)?.n ?? 0
      const limit = ctx.limits.inlinePolicySize[principal.type]
      if (others + size > limit) throw inlineSizeExceeded(principal.type, principal.name, limit)
      ctx.run(`INSERT INTO ${table} (principal_id, name, document, size) VALUES (?, ?, ?, ?)
               ON CONFLICT (principal_id, name) DO UPDATE SET document = excluded.document, size = excluded.size`,
      id, policyName, document, size)
      ctx.bump()
    },
    getInlinePolicy(principal: PrincipalRef, policyName: string): InlinePolicyRecord | undefined {
      const table = PRINCIPALS[principal.type].inline
      const row = ctx.get<{ name: string; document: string }>(
        `SELECT p.name, p.document FROM ${table} p JOIN ${PRINCIPALS[principal.type].table} e ON e.id = p.principal_id
         WHERE lower(e.name) = lower(?) AND p.name = ?`, principal.name, policyName)
      return row && { name: row.name, document: row.document }
    },
    deleteInlinePolicy(principal: PrincipalRef, policyName: string): void {
      const table = PRINCIPALS[principal.type].inline
      const res = ctx.run(`DELETE FROM ${table} WHERE principal_id = ? AND name = ?`, principalId(ctx, principal), policyName)
      if (res.changes === 0) throw inlineNotFound(principal.type, policyName)
      ctx.bump()
    },
    listInlinePolicies(principal: PrincipalRef, request?: PageRequest): Page<string> {
      const table = PRINCIPALS[principal.type].inline
      const id = principalId(ctx, principal)
      const size = pageSize(request)
      const after = request?.marker === undefined ? undefined : decodeMarker(request.marker, 1)[0]
      const key = afterKey('name', after)
      const rows = ctx.all<{ name: string }>(
        `SELECT name FROM ${table} WHERE principal_id = ?${key.sql} ORDER BY name LIMIT ?`, id, ...key.params, size + 1)
      return toPage(rows, size, (r) => r.name, (r) => [r.name])
    }
  }
}
