import { parsePolicyArn } from '../arn.js'
import { decodeMarker, pageSize, toPage } from '../paging.js'
import { entitiesForPolicyParts, entityOf, type EntityRow } from '../queries.js'
import { PRINCIPALS, attachmentNotFound, invalidPolicyArn, policyNotFound, quotaExceeded } from '../rules.js'
import type { AttachmentStore } from '../store.js'
import type {
  AttachedPolicy, ListEntitiesForPolicyRequest, Page, PathPageRequest, PolicyEntity, PrincipalRef
} from '../types.js'
import type { WithSession } from './ops.js'
import { findPolicy } from './policies.js'
import { principalId } from './principals.js'
import { afterKey, pathFilter } from './session.js'

/** AttachmentStore over PostgreSQL. */
export const attachmentOps: WithSession<AttachmentStore> = {
  async attachPolicy(s, principal: PrincipalRef, policyArn: string) {
    const parsed = parsePolicyArn(policyArn)
    if (!parsed) throw invalidPolicyArn(policyArn)
    const table = PRINCIPALS[principal.type]
    // The principal's row lock is what the attachment quota is counted under.
    const id = await principalId(s, principal, 'update')
    if (await s.get(`SELECT 1 FROM ${table.attachments} WHERE principal_id = ? AND policy_arn = ?`, id, policyArn)) return
    let policyId: string | undefined
    if (!parsed.aws) {
      const policy = await findPolicy(s, policyArn)
      if (!policy) throw policyNotFound(policyArn)
      policyId = policy.id
    }
    const n = (await s.get<{ n: number }>(`SELECT count(*)::int AS n FROM ${table.attachments} WHERE principal_id = ?`, id))?.n ?? 0
    if (n >= s.limits.attachedPoliciesPerPrincipal) throw quotaExceeded(table.quota, s.limits.attachedPoliciesPerPrincipal, 'attachment')
    if (policyId !== undefined) {
      // Fails when a concurrent DeletePolicy got there first.
      const updated = await s.run('UPDATE iam_policies SET attachment_count = attachment_count + 1 WHERE id = ?', policyId)
      if (updated === 0) throw policyNotFound(policyArn)
    }
    await s.run(`INSERT INTO ${table.attachments} (principal_id, policy_arn, policy_id, policy_name, policy_path) VALUES (?, ?, ?, ?, ?)`,
      id, policyArn, policyId, parsed.name, parsed.path)
    s.bump()
  },
  async detachPolicy(s, principal: PrincipalRef, policyArn: string) {
    const table = PRINCIPALS[principal.type]
    const id = await principalId(s, principal)
    const row = await s.get<{ policy_id: string | null }>(
      `DELETE FROM ${table.attachments} WHERE principal_id = ? AND policy_arn = ? RETURNING policy_id`, id, policyArn)
    if (!row) throw attachmentNotFound(policyArn)
    if (row.policy_id !== null) await s.run('UPDATE iam_policies SET attachment_count = attachment_count - 1 WHERE id = ?', row.policy_id)
    s.bump()
  },
  async listAttachedPolicies(s, principal: PrincipalRef, request?: PathPageRequest): Promise<Page<AttachedPolicy>> {
    const table = PRINCIPALS[principal.type]
    const id = await principalId(s, principal)
    const size = pageSize(request)
    const after = request?.marker === undefined ? undefined : decodeMarker(request.marker, 1)[0]
    const path = pathFilter('policy_path', request?.pathPrefix)
    const key = afterKey('policy_arn', after)
    const rows = await s.all<{ policy_arn: string; policy_name: string }>(
      `SELECT policy_arn, policy_name FROM ${table.attachments} WHERE principal_id = ?${path.sql}${key.sql} ORDER BY policy_arn LIMIT ?`,
      id, ...path.params, ...key.params, size + 1)
    return toPage(rows, size, (r) => ({ policyArn: r.policy_arn, policyName: r.policy_name }), (r) => [r.policy_arn])
  },
  async listEntitiesForPolicy(s, policyArn: string, request?: ListEntitiesForPolicyRequest): Promise<Page<PolicyEntity>> {
    const parsed = parsePolicyArn(policyArn)
    if (!parsed || (!parsed.aws && !await findPolicy(s, policyArn))) throw policyNotFound(policyArn)
    const size = pageSize(request)
    const after = request?.marker === undefined ? undefined : decodeMarker(request.marker, 2)
    const { parts, params } = entitiesForPolicyParts(policyArn, request, pathFilter)
    if (parts.length === 0) return { items: [], isTruncated: false }
    const key = after === undefined ? { sql: '', params: [] } : { sql: ' WHERE (kind, sort_key) > (?::int, ?::text)', params: after }
    const rows = await s.all<EntityRow>(
      `SELECT kind, id, name, sort_key FROM (${parts.join(' UNION ')}) entities${key.sql} ORDER BY kind, sort_key LIMIT ?`,
      ...params, ...key.params, size + 1)
    return toPage(rows, size, entityOf, (r) => [r.kind, r.sort_key])
  },
  async listAwsPolicyUsage(s) {
    const rows = await s.all<{ policy_arn: string; attached: number; boundary: number }>(
      `SELECT policy_arn, sum(attached)::int AS attached, sum(boundary)::int AS boundary FROM (
         SELECT policy_arn, 1 AS attached, 0 AS boundary FROM user_policy_attachments WHERE policy_id IS NULL
         UNION ALL SELECT policy_arn, 1, 0 FROM group_policy_attachments WHERE policy_id IS NULL
         UNION ALL SELECT policy_arn, 1, 0 FROM role_policy_attachments WHERE policy_id IS NULL
         UNION ALL SELECT permissions_boundary_arn, 0, 1 FROM iam_users WHERE permissions_boundary_arn IS NOT NULL AND strpos(permissions_boundary_arn, ':iam::aws:policy/') > 0
         UNION ALL SELECT permissions_boundary_arn, 0, 1 FROM iam_roles WHERE permissions_boundary_arn IS NOT NULL AND strpos(permissions_boundary_arn, ':iam::aws:policy/') > 0
       ) usage GROUP BY policy_arn ORDER BY policy_arn`)
    return rows.map((r) => ({ policyArn: r.policy_arn, attachmentCount: r.attached, permissionsBoundaryUsageCount: r.boundary }))
  }
}
