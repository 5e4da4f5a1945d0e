import { StoreError } from '../errors.js'
import { newEntityId } from '../ids.js'
import { DEFAULT_MAX_SESSION_DURATION, ROLE_COLUMNS, parseTags, roleRecord, tagsJson, type RoleRow } from '../records.js'
import { ALREADY_EXISTS, givenDate, DELETE_BLOCKERS, principalNotFound } from '../rules.js'
import type { RoleStore } from '../store.js'
import { mergeTags, removeTags } from '../tags.js'
import type { CreateRoleInput, Page, PathPageRequest, RoleRecord, Tag, UpdateRoleInput } from '../types.js'
import { insertUnique } from './errors.js'
import type { WithSession } from './ops.js'
import { changeBoundary } from './policies.js'
import { lockClause, pageByName, type Lock } from './principals.js'
import type { PgSession } from './session.js'

async function findRole(s: PgSession, name: string, lock?: Lock): Promise<RoleRow | undefined> {
  return s.get<RoleRow>(`SELECT ${ROLE_COLUMNS} FROM iam_roles r WHERE lower(r.name) = lower(?)${lockClause(lock)}`, name)
}

/** The role row for a name, NotFound if there is none. */
export async function roleRow(s: PgSession, name: string, lock?: Lock): Promise<RoleRow> {
  const row = await findRole(s, name, lock)
  if (!row) throw principalNotFound('role', name)
  return row
}

/** RoleStore over PostgreSQL. */
export const roleOps: WithSession<RoleStore> = {
  async createRole(s, input: CreateRoleInput) {
    const id = input.id ?? newEntityId('AROA')
    const tags = mergeTags([], input.tags ?? [], s.limits.tagsPerResource)
    const account = await s.accountId()
    await changeBoundary(s, undefined, input.permissionsBoundaryArn)
    const row = await insertUnique(() => s.get<RoleRow>(
      `INSERT INTO iam_roles AS r (id, name, path, create_date, assume_role_policy, description, max_session_duration, permissions_boundary_arn, tags)
       VALUES (?, ?, ?, coalesce(?::timestamptz, now()), ?, ?, ?, ?, ?) RETURNING ${ROLE_COLUMNS}`,
      id, input.name, input.path ?? '/', givenDate(input.createDate), input.assumeRolePolicyDocument, input.description,
      input.maxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION, input.permissionsBoundaryArn, tagsJson(tags)
    ), ALREADY_EXISTS.role(input.name), 'role')
    return roleRecord(account, row as RoleRow)
  },
  async getRole(s, name: string) {
    const row = await findRole(s, name)
    return row && roleRecord(await s.accountId(), row)
  },
  async getRoleById(s, id: string) {
    const row = await s.get<RoleRow>(`SELECT ${ROLE_COLUMNS} FROM iam_roles r WHERE r.id = ?`, id)
    return row && roleRecord(await s.accountId(), row)
  },
  async updateRole(s, name: string, changes: UpdateRoleInput) {
    // Locked, so two replicas changing different fields of one role both keep their change.
    const row = await roleRow(s, name, 'update')
    await s.run('UPDATE iam_roles SET description = ?, max_session_duration = ?, assume_role_policy = ? WHERE id = ?',
      changes.description ?? row.description, changes.maxSessionDuration ?? row.max_session_duration,
      changes.assumeRolePolicyDocument ?? row.assume_role_policy, row.id)
    // The trust policy decides who may assume the role and MaxSessionDuration for how long,
    // so both count as permission changes (the trusted-role cache keys on the revision).
    if (changes.assumeRolePolicyDocument !== undefined || changes.maxSessionDuration !== undefined) s.bump()
    return roleRecord(await s.accountId(), await roleRow(s, name))
  },
  async deleteRole(s, name: string) {
    const row = await roleRow(s, name, 'update')
    for (const [sql, message] of DELETE_BLOCKERS.role) {
      if (await s.get(sql, row.id)) throw new StoreError('Conflict', message, 'role')
    }
    await changeBoundary(s, row.permissions_boundary_arn ?? undefined, undefined)
    await s.run('DELETE FROM iam_roles WHERE id = ?', row.id)
    s.bump()
  },
  async listRoles(s, request?: PathPageRequest): Promise<Page<RoleRecord>> {
    const account = await s.accountId()
    return pageByName<RoleRow, RoleRecord>(s, `SELECT ${ROLE_COLUMNS} FROM iam_roles r WHERE 1 = 1`, [], request,
      (r) => roleRecord(account, r), 'lower(r.name)', 'r.path')
  },
  async setRolePermissionsBoundary(s, name: string, policyArn: string | undefined) {
    const row = await roleRow(s, name, 'update')
    await changeBoundary(s, row.permissions_boundary_arn ?? undefined, policyArn)
    await s.run('UPDATE iam_roles SET permissions_boundary_arn = ? WHERE id = ?', policyArn, row.id)
    s.bump()
  },
  async recordRoleUsed(s, name: string, date: Date, region: string) {
    // Bookkeeping: one statement, no lock held across round trips, no revision change.
    const n = await s.run('UPDATE iam_roles SET last_used_date = ?, last_used_region = ? WHERE lower(name) = lower(?)', date, region, name)
    if (n === 0) throw principalNotFound('role', name)
  },
  async tagRole(s, name: string, tags: Tag[]) {
    const row = await roleRow(s, name, 'update')
    await setTags(s, row.id, mergeTags(parseTags(row.tags), tags, s.limits.tagsPerResource))
  },
  async untagRole(s, name: string, keys: string[]) {
    const row = await roleRow(s, name, 'update')
    await setTags(s, row.id, removeTags(parseTags(row.tags), keys))
  }
}

async function setTags(s: PgSession, id: string, tags: Tag[]): Promise<void> {
  await s.run('UPDATE iam_roles SET tags = ? WHERE id = ?', tagsJson(tags), id)
  // Principal tags feed aws:PrincipalTag conditions, so they change permissions.
  s.bump()
}
