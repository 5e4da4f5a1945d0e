import { parsePolicyArn } from '../arn.js'
import { decodeMarker, pageSize, toPage } from '../paging.js'
import { entitiesForPolicyParts, entityOf, type EntityRow } from '../queries.js'
import { PRINCIPALS, attachmentNotFound, invalidPolicyArn, policyNotFound, quotaExceeded } from '../rules.js'
import type { AttachmentStore } from '../store.js'
import type {
  AttachedPolicy, AwsPolicyUsage, ListEntitiesForPolicyRequest, Page, PathPageRequest, PolicyEntity, PrincipalRef
} from '../types.js'
import { afterKey, pathFilter, type SqliteContext } from './context.js'
import { findPolicy } from './policies.js'
import { principalId } from './principals.js'
import type { Sync } from './sync.js'

/** AttachmentStore over SQLite. */
export function attachmentOps(ctx: SqliteContext): Sync<AttachmentStore> {
  return {
    attachPolicy(principal: PrincipalRef, policyArn: string): void {
      const parsed = parsePolicyArn(policyArn)
      if (!parsed) throw invalidPolicyArn(policyArn)
      const table = PRINCIPALS[principal.type]
      const id = principalId(ctx, principal)
      if (ctx.get(`SELECT 1 FROM ${table.attachments} WHERE principal_id = ? AND policy_arn = ?`, id, policyArn)) return
      let policyId: string | undefined
      if (!parsed.aws) {
        const policy = findPolicy(ctx, policyArn)
        if (!policy) throw policyNotFound(policyArn)
        policyId = policy.id
      }
      const n = ctx.get<{ n: number }>(`SELECT count(*) AS n FROM ${table.attachments} WHERE principal_id = ?`, id)?.n ?? 0
      if (n >= ctx.limits.attachedPoliciesPerPrincipal) throw quotaExceeded(table.quota, ctx.limits.attachedPoliciesPerPrincipal, 'attachment')
      ctx.run(`INSERT INTO ${table.attachments} (principal_id, policy_arn, policy_id, policy_name, policy_path) VALUES (?, ?, ?, ?, ?)`,
        id, policyArn, policyId, parsed.name, parsed.path)
      if (policyId !== undefined) ctx.run('UPDATE iam_policies SET attachment_count = attachment_count + 1 WHERE id = ?', policyId)
      ctx.bump()
    },
    detachPolicy(principal: PrincipalRef, policyArn: string): void {
      const table = PRINCIPALS[principal.type]
      const id = principalId(ctx, principal)
      const row = ctx.get<{ policy_id: string | null }>(
        `SELECT policy_id FROM ${table.attachments} WHERE principal_id = ? AND policy_arn = ?`, id, policyArn)
      if (!row) throw attachmentNotFound(policyArn)
      ctx.run(`DELETE FROM ${table.attachments} WHERE principal_id = ? AND policy_arn = ?`, id, policyArn)
      if (row.policy_id !== null) ctx.run('UPDATE iam_policies SET attachment_count = attachment_count - 1 WHERE id = ?', row.policy_id)
      ctx.bump()
    },
    listAttachedPolicies(principal: PrincipalRef, request?: PathPageRequest): Page<AttachedPolicy> {
      const table = PRINCIPALS[principal.type]
      const id = principalId(ctx, principal)
      const size = pageSize(request)
      const after = request?.marker === undefined ? undefined : decodeMarker(request.marker, 1)[0]
      const path = pathFilter('policy_path', request?.pathPrefix)
      const key = afterKey('policy_arn', after)
      const rows = ctx.all<{ policy_arn: string; policy_name: string }>(
        `SELECT policy_arn, policy_name FROM ${table.attachments} WHERE principal_id = ?${path.sql}${key.sql} ORDER BY policy_arn LIMIT ?`,
        id, ...path.params, ...key.params, size + 1)
      return toPage(rows, size, (r) => ({ policyArn: r.policy_arn, policyName: r.policy_name }), (r) => [r.policy_arn])
    },
    listEntitiesForPolicy(policyArn: string, request?: ListEntitiesForPolicyRequest): Page<PolicyEntity> {
      const parsed = parsePolicyArn(policyArn)
      if (!parsed || (!parsed.aws && !findPolicy(ctx, policyArn))) throw policyNotFound(policyArn)
      const size = pageSize(request)
      const after = request?.marker === undefined ? undefined : decodeMarker(request.marker, 2)
      const { parts, params } = entitiesForPolicyParts(policyArn, request, pathFilter)
    if (parts.length === 0) return { items: [], isTruncated: false }
      const key = after === undefined ? { sql: '', params: [] } : { sql: ' WHERE (kind, sort_key) > (?, ?)', params: after }
      const rows = ctx.all<EntityRow>(
        `SELECT kind, id, name, sort_key FROM (${parts.join(' UNION ')})${key.sql} ORDER BY kind, sort_key LIMIT ?`,
        ...params, ...key.params, size + 1)
      return toPage(rows, size, entityOf, (r) => [r.kind, r.sort_key])
    },
    listAwsPolicyUsage(): AwsPolicyUsage[] {
      const rows = ctx.all<{ policy_arn: string; attached: number; boundary: number }>(
        `SELECT policy_arn, sum(attached) AS attached, sum(boundary) AS boundary FROM (
           SELECT policy_arn, 1 AS attached, 0 AS boundary FROM user_policy_attachments WHERE policy_id IS NULL
           UNION ALL SELECT policy_arn, 1, 0 FROM group_policy_attachments WHERE policy_id IS NULL
           UNION ALL SELECT policy_arn, 1, 0 FROM role_policy_attachments WHERE policy_id IS NULL
           UNION ALL SELECT permissions_boundary_arn, 0, 1 FROM iam_users WHERE permissions_boundary_arn IS NOT NULL AND instr(permissions_boundary_arn, ':iam::aws:policy/') > 0
           UNION ALL SELECT permissions_boundary_arn, 0, 1 FROM iam_roles WHERE permissions_boundary_arn IS NOT NULL AND instr(permissions_boundary_arn, ':iam::aws:policy/') > 0
         ) GROUP BY policy_arn ORDER BY policy_arn`)
      return rows.map((r) => ({ policyArn: r.policy_arn, attachmentCount: r.attached, permissionsBoundaryUsageCount: r.boundary }))
    }
  }
}
