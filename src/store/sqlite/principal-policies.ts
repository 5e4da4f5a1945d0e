import { entityArn, parsePolicyArn } from '../arn.js'
import type { PrincipalPolicyLoader } from '../store.js'
import type { PrincipalPolicies, PrincipalType } from '../types.js'
import type { SqliteContext } from './context.js'
import { PRINCIPALS } from './principals.js'
import type { Sync } from './sync.js'

interface SourceRow {
  source_type: PrincipalType
  source_name: string
}

/**
 * PrincipalPolicyLoader over SQLite: five indexed queries, run inside one read
 * transaction by the caller so they see one snapshot.
 */
export function principalPolicyOps(ctx: SqliteContext): Sync<PrincipalPolicyLoader> {
  return {
    loadPrincipalPolicies(ref: { type: 'user' | 'role' | 'group'; name: string }): PrincipalPolicies | undefined {
      const t = PRINCIPALS[ref.type]
      // Groups have no permissions boundary.
      const boundaryColumn = ref.type === 'group' ? 'NULL' : 'permissions_boundary_arn'
      const p = ctx.get<{ id: string; name: string; path: string; boundary: string | null }>(
        `SELECT id, name, path, ${boundaryColumn} AS boundary FROM ${t.table} WHERE lower(name) = lower(?)`, ref.name)
      if (!p) return undefined
      const account = ctx.accountId()
      const result: PrincipalPolicies = {
        principal: { type: ref.type, id: p.id, name: p.name, path: p.path, arn: entityArn(account, ref.type, p.path, p.name) },
        revision: ctx.revision(),
        groups: [],
        inline: [],
        managed: []
      }
      // Group rows only exist for users; for roles and groups the group halves of the unions match nothing.
      const groupIds = ref.type === 'user' ? 'SELECT group_id FROM group_members WHERE user_id = ?' : 'SELECT NULL WHERE ? IS NULL'
      if (ref.type === 'user') {
        result.groups = ctx.all<{ id: string; name: string; path: string }>(
          'SELECT g.id, g.name, g.path FROM group_members m JOIN iam_groups g ON g.id = m.group_id WHERE m.user_id = ? ORDER BY lower(g.name)', p.id)
          .map((g) => ({ id: g.id, name: g.name, arn: entityArn(account, 'group', g.path, g.name) }))
      }
      result.inline = ctx.all<SourceRow & { policy_name: string; document: string }>(
        `SELECT '${ref.type}' AS source_type, ? AS source_name, name AS policy_name, document FROM ${t.inline} WHERE principal_id = ?
         UNION ALL
         SELECT 'group', g.name, i.name, i.document FROM group_inline_policies i JOIN iam_groups g ON g.id = i.principal_id
         WHERE i.principal_id IN (${groupIds})`, p.name, p.id, p.id)
        .map((r) => ({ source: { type: r.source_type, name: r.source_name }, policyName: r.policy_name, document: r.document }))
      const managedRows = ctx.all<SourceRow & { policy_arn: string; version_id: string | null; document: string | null }>(
        `SELECT '${ref.type}' AS source_type, ? AS source_name, a.policy_arn, v.version_id, v.document
         FROM ${t.attachments} a
         LEFT JOIN iam_policies pol ON pol.id = a.policy_id
         LEFT JOIN policy_versions v ON v.policy_id = pol.id AND v.version_id = pol.default_version_id
         WHERE a.principal_id = ?
         UNION ALL
         SELECT 'group', g.name, a.policy_arn, v.version_id, v.document
         FROM group_policy_attachments a JOIN iam_groups g ON g.id = a.principal_id
         LEFT JOIN iam_policies pol ON pol.id = a.policy_id
         LEFT JOIN policy_versions v ON v.policy_id = pol.id AND v.version_id = pol.default_version_id
         WHERE a.principal_id IN (${groupIds})`, p.name, p.id, p.id)
      result.managed = managedRows.map((r) => {
        const m: PrincipalPolicies['managed'][number] = { source: { type: r.source_type, name: r.source_name }, policyArn: r.policy_arn }
        if (r.version_id !== null && r.document !== null) {
          m.versionId = r.version_id
          m.document = r.document
        }
        return m
      })
      if (p.boundary !== null) {
        result.permissionsBoundary = { policyArn: p.boundary }
        if (!parsePolicyArn(p.boundary)?.aws) {
          const v = ctx.get<{ version_id: string; document: string }>(
            `SELECT v.version_id, v.document FROM iam_policies pol
             JOIN policy_versions v ON v.policy_id = pol.id AND v.version_id = pol.default_version_id WHERE pol.arn = ?`, p.boundary)
          if (v) {
            result.permissionsBoundary.versionId = v.version_id
            result.permissionsBoundary.document = v.document
          }
        }
      }
      return result
    }
  }
}
