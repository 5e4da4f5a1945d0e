/**
 * Stored rows and their records, shared by every dialect: both schemas use the same column
 * names, so one column list and one mapper per entity serve SQLite (dates as ISO text, tags
 * as JSON text) and PostgreSQL (timestamptz and jsonb, which the driver hands over parsed).
 */
import { entityArn } from './arn.js'
import type {
  AccessKeyRecord, AccessKeyStatus, AccountRecord, CredentialReportRecord, DeletionTaskRecord, DeletionTaskStatus, GroupRecord, InstanceProfileRecord,
  ManagedPolicyRecord, PasswordPolicy, PolicyVersionRecord, RoleRecord, RootCredentialsRecord, Tag, UserRecord
} from './types.js'

/** A stored date: ISO 8601 text (SQLite) or a Date (PostgreSQL). */
export type Stamp = string | Date

/** A stored JSON value: text (SQLite) or already parsed (PostgreSQL jsonb). */
export type JsonValue<T> = string | T

/** The parsed form of a stored JSON column. */
export function parseJson<T>(value: JsonValue<T>): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value
}

/** Parses a stored tags column. */
export function parseTags(value: JsonValue<Tag[]>): Tag[] {
  return parseJson(value)
}

/** The tags column value: a JSON array of {key, value}, extra fields dropped. */
export function tagsJson(tags: Tag[] | undefined): string {
  return JSON.stringify((tags ?? []).map((t) => ({ key: t.key, value: t.value })))
}

/** AWS's default MaxSessionDuration, one hour. */
export const DEFAULT_MAX_SESSION_DURATION = 3600

export interface AccountRow {
  id: string
  alias: string | null
  password_policy: JsonValue<PasswordPolicy> | null
  create_date: Stamp
}

export const ACCOUNT_COLUMNS = 'id, alias, password_policy, create_date'

export function accountRecord(row: AccountRow): AccountRecord {
  const a: AccountRecord = { id: row.id, createDate: new Date(row.create_date) }
  if (row.alias !== null) a.alias = row.alias
  if (row.password_policy !== null) a.passwordPolicy = parseJson(row.password_policy)
  return a
}

export interface RootRow {
  root_access_key_id: string | null
  root_secret: Uint8Array | null
}

export const ROOT_CREDENTIALS_SQL = 'SELECT root_access_key_id, root_secret FROM account WHERE singleton = 1'
/** Records root credentials only where none are: the first writer wins. */
export const INIT_ROOT_CREDENTIALS_SQL = 'UPDATE account SET root_access_key_id = ?, root_secret = ? WHERE singleton = 1 AND root_access_key_id IS NULL'

export function rootCredentialsRecord(row: RootRow | undefined): RootCredentialsRecord | undefined {
  if (!row || row.root_access_key_id === null || row.root_secret === null) return undefined
  return { accessKeyId: row.root_access_key_id, sealedSecret: new Uint8Array(row.root_secret) }
}

export interface CredentialReportRow {
  requested_at: Stamp
  generated_at: Stamp | null
  content: string | null
}

export const CREDENTIAL_REPORT_SQL = 'SELECT requested_at, generated_at, content FROM credential_report WHERE singleton = 1'
/** Inserts or replaces the one credential report row: requested_at, generated_at, content. */
export const PUT_CREDENTIAL_REPORT_SQL = `INSERT INTO credential_report (singleton, requested_at, generated_at, content) VALUES (1, ?, ?, ?)
  ON CONFLICT (singleton) DO UPDATE SET requested_at = excluded.requested_at, generated_at = excluded.generated_at, content = excluded.content`

export function credentialReportRecord(row: CredentialReportRow | undefined): CredentialReportRecord | undefined {
  if (!row) return undefined
  const report: CredentialReportRecord = { requestedAt: new Date(row.requested_at) }
  if (row.generated_at !== null) report.generatedAt = new Date(row.generated_at)
  if (row.content !== null) report.content = row.content
  return report
}

export interface TaskRow {
  id: string
  role_name: string
  status: DeletionTaskStatus
  reason: JsonValue<NonNullable<DeletionTaskRecord['reason']>> | null
  create_date: Stamp
}

export const TASK_COLUMNS = 'id, role_name, status, reason, create_date'

export function taskRecord(row: TaskRow): DeletionTaskRecord {
  const task: DeletionTaskRecord = { id: row.id, roleName: row.role_name, status: row.status, createDate: new Date(row.create_date) }
  if (row.reason !== null) task.reason = parseJson(row.reason)
  return task
}

export interface UserRow {
  id: string
  name: string
  path: string
  create_date: Stamp
  permissions_boundary_arn: string | null
  password_last_used: Stamp | null
  tags: JsonValue<Tag[]>
  sort_key: string
}

/** The user columns, for queries that alias iam_users as `u`. */
export const USER_COLUMNS = 'u.id, u.name, u.path, u.create_date, u.permissions_boundary_arn, u.password_last_used, u.tags, lower(u.name) AS sort_key'

export function userRecord(accountId: string, row: UserRow): UserRecord {
  const user: UserRecord = {
    id: row.id,
    name: row.name,
    path: row.path,
    arn: entityArn(accountId, 'user', row.path, row.name),
    createDate: new Date(row.create_date),
    tags: parseTags(row.tags)
  }
  if (row.permissions_boundary_arn !== null) user.permissionsBoundaryArn = row.permissions_boundary_arn
  if (row.password_last_used !== null) user.passwordLastUsed = new Date(row.password_last_used)
  return user
}

export interface GroupRow {
  id: string
  name: string
  path: string
  create_date: Stamp
  sort_key: string
}

/** The group columns, for queries that alias iam_groups as `g`. */
export const GROUP_COLUMNS = 'g.id, g.name, g.path, g.create_date, lower(g.name) AS sort_key'

export function groupRecord(accountId: string, row: Omit<GroupRow, 'sort_key'>): GroupRecord {
  return { id: row.id, name: row.name, path: row.path, arn: entityArn(accountId, 'group', row.path, row.name), createDate: new Date(row.create_date) }
}

export interface RoleRow {
  id: string
  name: string
  path: string
  create_date: Stamp
  assume_role_policy: string
  description: string | null
  max_session_duration: number
  permissions_boundary_arn: string | null
  last_used_date: Stamp | null
  last_used_region: string | null
  tags: JsonValue<Tag[]>
  sort_key: string
}

/** The role columns, for queries that alias iam_roles as `r`. */
export const ROLE_COLUMNS = 'r.id, r.name, r.path, r.create_date, r.assume_role_policy, r.description, r.max_session_duration, ' +
  'r.permissions_boundary_arn, r.last_used_date, r.last_used_region, r.tags, lower(r.name) AS sort_key'

export function roleRecord(accountId: string, row: RoleRow): RoleRecord {
  const role: RoleRecord = {
    id: row.id,
    name: row.name,
    path: row.path,
    arn: entityArn(accountId, 'role', row.path, row.name),
    createDate: new Date(row.create_date),
    assumeRolePolicyDocument: row.assume_role_policy,
    maxSessionDuration: row.max_session_duration,
    tags: parseTags(row.tags)
  }
  if (row.description !== null) role.description = row.description
  if (row.permissions_boundary_arn !== null) role.permissionsBoundaryArn = row.permissions_boundary_arn
  if (row.last_used_date !== null) {
    role.roleLastUsed = { lastUsedDate: new Date(row.last_used_date) }
    if (row.last_used_region !== null) role.roleLastUsed.region = row.last_used_region
  }
  return role
}

export interface PolicyRow {
  id: string
  name: string
  path: string
  arn: string
  default_version_id: string
  next_version: number
  attachment_count: number
  boundary_usage_count: number
  description: string | null
  create_date: Stamp
  update_date: Stamp
  tags: JsonValue<Tag[]>
  sort_key: string
}

/** The columns of iam_policies (unaliased). */
export const POLICY_COLUMNS = 'id, name, path, arn, default_version_id, next_version, attachment_count, boundary_usage_count, ' +
  'description, create_date, update_date, tags, lower(name) AS sort_key'

export function policyRecord(row: PolicyRow): ManagedPolicyRecord {
  const p: ManagedPolicyRecord = {
    id: row.id,
    name: row.name,
    path: row.path,
    arn: row.arn,
    defaultVersionId: row.default_version_id,
    attachmentCount: row.attachment_count,
    permissionsBoundaryUsageCount: row.boundary_usage_count,
    createDate: new Date(row.create_date),
    updateDate: new Date(row.update_date),
    tags: parseTags(row.tags)
  }
  if (row.description !== null) p.description = row.description
  return p
}

export interface VersionRow {
  version_id: string
  document: string
  create_date: Stamp
}

export function versionRecord(row: VersionRow, defaultId: string): PolicyVersionRecord {
  return { versionId: row.version_id, document: row.document, isDefaultVersion: row.version_id === defaultId, createDate: new Date(row.create_date) }
}

export interface KeyRow {
  key_id: string
  status: AccessKeyStatus
  secret: Uint8Array
  key_create_date: Stamp
  last_used_date: Stamp | null
  last_used_service: string | null
  last_used_region: string | null
}

/** The access key columns, for queries that alias access_keys as `k`. */
export const KEY_COLUMNS = 'k.id AS key_id, k.status, k.secret, k.create_date AS key_create_date, k.last_used_date, k.last_used_service, k.last_used_region'

export function keyRecord(row: KeyRow, user: { id: string; name: string }): AccessKeyRecord {
  const key: AccessKeyRecord = {
    id: row.key_id,
    userName: user.name,
    userId: user.id,
    status: row.status,
    createDate: new Date(row.key_create_date),
    secretCiphertext: new Uint8Array(row.secret)
  }
  if (row.last_used_date !== null) {
    key.lastUsed = { lastUsedDate: new Date(row.last_used_date), serviceName: row.last_used_service ?? 'N/A', region: row.last_used_region ?? 'N/A' }
  }
  return key
}

export interface ProfileRow {
  id: string
  name: string
  path: string
  create_date: Stamp
  tags: JsonValue<Tag[]>
  role_id: string | null
  sort_key: string
}

/** Instance profile columns with the id of its role, if any (profiles aliased `p`, see PROFILE_FROM). */
export const PROFILE_COLUMNS = 'p.id, p.name, p.path, p.create_date, p.tags, ipr.role_id, lower(p.name) AS sort_key'
export const PROFILE_FROM = 'instance_profiles p LEFT JOIN instance_profile_roles ipr ON ipr.profile_id = p.id'

/** A stored instance profile row, with its role (at most one) already read, as a record. */
export function profileRecord(accountId: string, row: ProfileRow, role: RoleRecord | undefined): InstanceProfileRecord {
  return {
    id: row.id,
    name: row.name,
    path: row.path,
    arn: entityArn(accountId, 'instance-profile', row.path, row.name),
    createDate: new Date(row.create_date),
    roles: role ? [role] : [],
    tags: parseTags(row.tags)
  }
}
