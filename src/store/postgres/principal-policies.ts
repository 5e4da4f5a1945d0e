import { entityArn } from '../arn.js'
import { boundaryEntry, managedEntries, type ManagedSourceRow } from '../queries.js'
import { PRINCIPALS } from '../rules.js'
import type { PrincipalPolicyLoader } from '../store.js'
import type { PrincipalPolicies, PrincipalType } from '../types.js'
import type { WithSession } from './ops.js'

interface LoadRow {
  id: string
  name: string
  path: string
  boundary: string | null
  revision: number
  groups: { id: string; name: string; path: string }[]
  inline: { source_type: PrincipalType; source_name: string; policy_name: string; document: string }[]
  managed: ManagedSourceRow[]
  boundary_version: { version_id: string; document: string } | null
}

// The managed half of the load for one principal table (customer policies with their
// default version's document; AWS managed ones as ARNs only).
const managedFrom = (attachments: string, principals: string) => `FROM ${attachments} a JOIN ${principals} e ON e.id = a.principal_id
  LEFT JOIN iam_policies pol ON pol.id = a.policy_id
  LEFT JOIN policy_versions v ON v.policy_id = pol.id AND v.version_id = pol.default_version_id`

/** `SELECT ...` rows as one JSON array ('[]' for none), ordered by `order`. */
const jsonRows = (select: string, order: string) => `(SELECT coalesce(json_agg(x ORDER BY ${order}), '[]') FROM (${select}) x)`

// One statement per principal kind: everything the authorizer needs, aggregated as JSON.
// A single statement reads one snapshot, so the revision matches the documents without a
// transaction, and the whole load is one round trip (it runs after every permission change).
// A group (for the policy simulator) has only its own policies and no permissions boundary.
const LOAD_SQL = Object.fromEntries((['user', 'role', 'group'] as const).map((type) => {
  const t = PRINCIPALS[type]
  const own = `0 AS ord, '${type}'::text AS source_type, e.name AS source_name`
  const inline = [`SELECT ${own}, i.name AS policy_name, i.document FROM ${t.inline} i JOIN ${t.table} e ON e.id = i.principal_id WHERE e.id = p.id`]
  const managed = [`SELECT ${own}, a.policy_arn, v.version_id, v.document ${managedFrom(t.attachments, t.table)} WHERE e.id = p.id`]
  let groups = `'[]'::json`
  if (type === 'user') {
    const ofUser = 'e.id IN (SELECT group_id FROM group_members WHERE user_id = p.id)'
    inline.push(`SELECT 1, 'group', e.name, i.name, i.document FROM group_inline_policies i JOIN iam_groups e ON e.id = i.principal_id WHERE ${ofUser}`)
    managed.push(`SELECT 1, 'group', e.name, a.policy_arn, v.version_id, v.document ${managedFrom('group_policy_attachments', 'iam_groups')} WHERE ${ofUser}`)
    groups = jsonRows('SELECT g.id, g.name, g.path FROM group_members m JOIN iam_groups g ON g.id = m.group_id WHERE m.user_id = p.id', 'lower(x.name)')
  }
  const boundary = type === 'group' ? 'NULL::text' : 'p.permissions_boundary_arn'
  return [type, `SELECT p.id, p.name, p.path, ${boundary} AS boundary,
      (SELECT value FROM meta WHERE key = 'revision') AS revision,
      ${groups} AS groups,
      ${jsonRows(inline.join(' UNION ALL '), 'x.ord, x.source_name, x.policy_name')} AS inline,
      ${jsonRows(managed.join(' UNION ALL '), 'x.ord, x.source_name, x.policy_arn')} AS managed,
      (SELECT json_build_object('version_id', v.version_id, 'document', v.document) FROM iam_policies pol
        JOIN policy_versions v ON v.policy_id = pol.id AND v.version_id = pol.default_version_id
        WHERE pol.arn = ${boundary}) AS boundary_version
    FROM ${t.table} p WHERE lower(p.name) = lower(?)`]
})) as Record<'user' | 'role' | 'group', string>

/** PrincipalPolicyLoader over PostgreSQL: one statement (see LOAD_SQL). */
export const principalPolicyOps: WithSession<PrincipalPolicyLoader> = {
  async loadPrincipalPolicies(s, ref: { type: 'user' | 'role' | 'group'; name: string }) {
    const account = await s.accountId()
    const p = await s.get<LoadRow>(LOAD_SQL[ref.type], ref.name)
    if (!p) return undefined
    // Own policies first, then each group's, each by name: a stable order for callers and tests.
    const result: PrincipalPolicies = {
      principal: { type: ref.type, id: p.id, name: p.name, path: p.path, arn: entityArn(account, ref.type, p.path, p.name) },
      revision: Number(p.revision),
      groups: p.groups.map((g) => ({ id: g.id, name: g.name, arn: entityArn(account, 'group', g.path, g.name) })),
      inline: p.inline.map((r) => ({ source: { type: r.source_type, name: r.source_name }, policyName: r.policy_name, document: r.document })),
      managed: managedEntries(p.managed)
    }
    if (p.boundary !== null) result.permissionsBoundary = boundaryEntry(p.boundary, p.boundary_version ?? undefined)
    return result
  }
}
