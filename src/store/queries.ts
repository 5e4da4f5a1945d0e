/**
 * Query pieces both dialects build the same way (`?` placeholders; the path filter is the
 * dialect's own), and the mapping of what they return.
 */
import { parsePolicyArn } from './arn.js'
import { PRINCIPALS } from './rules.js'
import type { EntityCounts, ListEntitiesForPolicyRequest, ListPoliciesRequest, PolicyEntity, PrincipalPolicies, PrincipalType } from './types.js'

type PathFilter = (column: string, prefix: string | undefined) => { sql: string; params: string[] }

/** ListPolicies' OnlyAttached / PolicyUsageFilter as a condition on iam_policies ('' for none). */
export function policyUsageCondition(request: ListPoliciesRequest | undefined): string {
  if (!request?.onlyAttached) return ''
  return request.policyUsageFilter === 'PermissionsPolicy' ? ' AND attachment_count > 0'
    : request.policyUsageFilter === 'PermissionsBoundary' ? ' AND boundary_usage_count > 0'
      : ' AND (attachment_count > 0 OR boundary_usage_count > 0)'
}

/** Principal kinds in ListEntitiesForPolicy order; a row's `kind` is the index here. */
export const ENTITY_KINDS: PrincipalType[] = ['user', 'group', 'role']

/**
 * The SELECTs whose UNION is ListEntitiesForPolicy (kind, id, name, sort_key): principals
 * attaching the policy and, unless filtered out, users and roles using it as a boundary.
 */
export function entitiesForPolicyParts(policyArn: string, request: ListEntitiesForPolicyRequest | undefined, pathFilter: PathFilter):
  { parts: string[]; params: (string | number)[] } {
  const parts: string[] = []
  const params: (string | number)[] = []
  ENTITY_KINDS.forEach((type, kind) => {
    if (request?.entityFilter !== undefined && request.entityFilter.toLowerCase() !== type) return
    const t = PRINCIPALS[type]
    const path = pathFilter('e.path', request?.pathPrefix)
    if (request?.policyUsageFilter !== 'PermissionsBoundary') {
      parts.push(`SELECT ${kind} AS kind, e.id, e.name, lower(e.name) AS sort_key FROM ${t.attachments} a
        JOIN ${t.table} e ON e.id = a.principal_id WHERE a.policy_arn = ?${path.sql}`)
      params.push(policyArn, ...path.params)
    }
    if (request?.policyUsageFilter !== 'PermissionsPolicy' && type !== 'group') {
      parts.push(`SELECT ${kind} AS kind, e.id, e.name, lower(e.name) AS sort_key FROM ${t.table} e
        WHERE e.permissions_boundary_arn = ?${path.sql}`)
      params.push(policyArn, ...path.params)
    }
  })
  return { parts, params }
}

/** A row of the ListEntitiesForPolicy union. */
export interface EntityRow {
  kind: number
  id: string
  name: string
  sort_key: string
}

export function entityOf(row: EntityRow): PolicyEntity {
  return { type: ENTITY_KINDS[row.kind] ?? 'user', name: row.name, id: row.id }
}

/** A managed policy row of loadPrincipalPolicies: the document is there for customer policies only. */
export interface ManagedSourceRow {
  source_type: PrincipalType
  source_name: string
  policy_arn: string
  version_id: string | null
  document: string | null
}

export function managedEntries(rows: ManagedSourceRow[]): PrincipalPolicies['managed'] {
  return rows.map((r) => {
    const m: PrincipalPolicies['managed'][number] = { source: { type: r.source_type, name: r.source_name }, policyArn: r.policy_arn }
    if (r.version_id !== null && r.document !== null) {
      m.versionId = r.version_id
      m.document = r.document
    }
    return m
  })
}

/** The default version of a customer managed policy, by ARN (a permissions boundary's document). */
export const BOUNDARY_DOCUMENT_SQL = `SELECT v.version_id, v.document FROM iam_policies pol
  JOIN policy_versions v ON v.policy_id = pol.id AND v.version_id = pol.default_version_id WHERE pol.arn = ?`

/** The permissions boundary entry; `version` is the customer policy's default version (undefined for AWS managed ARNs). */
export function boundaryEntry(arn: string, version: { version_id: string; document: string } | undefined): NonNullable<PrincipalPolicies['permissionsBoundary']> {
  const entry: NonNullable<PrincipalPolicies['permissionsBoundary']> = { policyArn: arn }
  if (version) {
    entry.versionId = version.version_id
    entry.document = version.document
  }
  return entry
}

/** True when a boundary's document lives in the store (a customer managed policy). */
export function isCustomerPolicyArn(arn: string): boolean {
  return parsePolicyArn(arn)?.aws === false
}

/**
 * Every count GetAccountSummary reports, in one statement both dialects run as it is
 * (CAST to INTEGER: PostgreSQL's count and sum are bigint, which its driver returns as text).
 */
export const ENTITY_COUNTS_SQL = `SELECT
  CAST((SELECT count(*) FROM iam_users) AS INTEGER) AS users,
  CAST((SELECT count(*) FROM iam_groups) AS INTEGER) AS groups,
  CAST((SELECT count(*) FROM iam_roles) AS INTEGER) AS roles,
  CAST((SELECT count(*) FROM instance_profiles) AS INTEGER) AS instance_profiles,
  CAST((SELECT count(*) FROM iam_policies) AS INTEGER) AS policies,
  CAST((SELECT coalesce(sum(attachment_count), 0) FROM iam_policies) AS INTEGER) AS policy_attachments,
  CAST((SELECT count(*) FROM server_certificates) AS INTEGER) AS server_certificates,
  CAST((SELECT count(*) FROM mfa_devices) AS INTEGER) AS mfa_devices,
  CAST((SELECT count(*) FROM mfa_devices WHERE user_id IS NOT NULL) AS INTEGER) AS mfa_devices_in_use,
  CAST((SELECT count(*) FROM oidc_providers) + (SELECT count(*) FROM saml_providers) AS INTEGER) AS providers`

export interface EntityCountsRow {
  users: number; groups: number; roles: number; instance_profiles: number; policies: number; policy_attachments: number
  server_certificates: number; mfa_devices: number; mfa_devices_in_use: number; providers: number
}

/** The counts of ENTITY_COUNTS_SQL's row (a SELECT of scalar subqueries always returns one). */
export function entityCounts(r: EntityCountsRow): EntityCounts {
  return {
    users: r.users, groups: r.groups, roles: r.roles, instanceProfiles: r.instance_profiles, policies: r.policies,
    policyAttachments: r.policy_attachments, serverCertificates: r.server_certificates, mfaDevices: r.mfa_devices,
    mfaDevicesInUse: r.mfa_devices_in_use, providers: r.providers
  }
}
