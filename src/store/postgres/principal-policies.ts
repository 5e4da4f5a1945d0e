import { entityArn } from '../arn.js'
import { BOUNDARY_DOCUMENT_SQL, boundaryEntry, isCustomerPolicyArn, managedEntries, type ManagedSourceRow } from '../queries.js'
import { PRINCIPALS } from '../rules.js'
import type { PrincipalPolicyLoader } from '../store.js'
import type { PrincipalPolicies, PrincipalType } from '../types.js'
import type { WithSession } from './ops.js'
import { READ_REVISION } from './session.js'

interface SourceRow {
  source_type: PrincipalType
  source_name: string
}

// The managed half of the load for one principal table (customer policies with their
// default version's document; AWS managed ones as ARNs only).
const managedFrom = (attachments: string, principals: string) => `FROM ${attachments} a JOIN ${principals} e ON e.id = a.principal_id
  LEFT JOIN iam_policies pol ON pol.id = a.policy_id
  LEFT JOIN policy_versions v ON v.policy_id = pol.id AND v.version_id = pol.default_version_id`

/**
 * PrincipalPolicyLoader over PostgreSQL: a handful of indexed queries, run by pg-store.ts
 * inside one REPEATABLE READ transaction, so the revision and the documents come from
 * one snapshot.
 */
export const principalPolicyOps: WithSession<PrincipalPolicyLoader> = {
  async loadPrincipalPolicies(s, ref: { type: 'user' | 'role'; name: string }) {
    const t = PRINCIPALS[ref.type]
    const p = await s.get<{ id: string; name: string; path: string; boundary: string | null }>(
      `SELECT id, name, path, permissions_boundary_arn AS boundary FROM ${t.table} WHERE lower(name) = lower(?)`, ref.name)
    if (!p) return undefined
    const account = await s.accountId()
    const revision = Number((await s.get<{ value: string }>(READ_REVISION))?.value ?? 0)
    const result: PrincipalPolicies = {
      principal: { type: ref.type, id: p.id, name: p.name, path: p.path, arn: entityArn(account, ref.type, p.path, p.name) },
      revision,
      groups: [],
      inline: [],
      managed: []
    }
    const own = { sql: `0 AS ord, '${ref.type}'::text AS source_type, e.name AS source_name`, where: 'e.id = ?' }
    const inline = [`SELECT ${own.sql}, i.name AS policy_name, i.document FROM ${t.inline} i JOIN ${t.table} e ON e.id = i.principal_id WHERE ${own.where}`]
    const managed = [`SELECT ${own.sql}, a.policy_arn, v.version_id, v.document ${managedFrom(t.attachments, t.table)} WHERE ${own.where}`]
    const params = [p.id]
    if (ref.type === 'user') {
      result.groups = (await s.all<{ id: string; name: string; path: string }>(
        'SELECT g.id, g.name, g.path FROM group_members m JOIN iam_groups g ON g.id = m.group_id WHERE m.user_id = ? ORDER BY lower(g.name)', p.id))
        .map((g) => ({ id: g.id, name: g.name, arn: entityArn(account, 'group', g.path, g.name) }))
      const groups = "1, 'group'::text, e.name"
      const ofUser = 'e.id IN (SELECT group_id FROM group_members WHERE user_id = ?)'
      inline.push(`SELECT ${groups}, i.name, i.document FROM group_inline_policies i JOIN iam_groups e ON e.id = i.principal_id WHERE ${ofUser}`)
      managed.push(`SELECT ${groups}, a.policy_arn, v.version_id, v.document ${managedFrom('group_policy_attachments', 'iam_groups')} WHERE ${ofUser}`)
      params.push(p.id)
    }
    // Own policies first, then each group's, each by name: a stable order for callers and tests.
    result.inline = (await s.all<SourceRow & { policy_name: string; document: string }>(
      `${inline.join(' UNION ALL ')} ORDER BY ord, source_name, policy_name`, ...params))
      .map((r) => ({ source: { type: r.source_type, name: r.source_name }, policyName: r.policy_name, document: r.document }))
    const managedRows = await s.all<ManagedSourceRow>(
      `${managed.join(' UNION ALL ')} ORDER BY ord, source_name, policy_arn`, ...params)
    result.managed = managedEntries(managedRows)
    if (p.boundary !== null) {
      const version = isCustomerPolicyArn(p.boundary) ? await s.get<{ version_id: string; document: string }>(BOUNDARY_DOCUMENT_SQL, p.boundary) : undefined
      result.permissionsBoundary = boundaryEntry(p.boundary, version)
    }
    return result
  }
}
