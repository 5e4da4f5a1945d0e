import { StoreError } from '../errors.js'
import { newEntityId } from '../ids.js'
import { DEFAULT_MAX_SESSION_DURATION, ROLE_COLUMNS, parseTags, roleRecord, tagsJson, type RoleRow } from '../records.js'
import { ALREADY_EXISTS, DELETE_BLOCKERS, principalNotFound } from '../rules.js'
import type { RoleStore } from '../store.js'
import { mergeTags, removeTags } from '../tags.js'
import type { CreateRoleInput, Page, PathPageRequest, RoleRecord, Tag, UpdateRoleInput } from '../types.js'
import { insertUnique, isoDate, type SqliteContext } from './context.js'
import { changeBoundary } from './policies.js'
import { pageByName } from './principals.js'
import type { Sync } from './sync.js'

/** ROLE_COLUMNS for an INSERT's RETURNING clause, which cannot name the table by an alias. */
const INSERTED_ROLE_COLUMNS = ROLE_COLUMNS.replace(/\br\./g, '')

/** A stored role row as a record. */
export function toRole(ctx: SqliteContext, row: RoleRow): RoleRecord {
  return roleRecord(ctx.accountId(), row)
}

/** The role row for a name, NotFound if there is none. */
export function roleRow(ctx: SqliteContext, name: string): RoleRow {
  const row = ctx.get<RoleRow>(`SELECT ${ROLE_COLUMNS} FROM iam_roles r WHERE lower(r.name) = lower(?)`, name)
  if (!row) throw principalNotFound('role', name)
  return row
}

/** RoleStore over SQLite. */
export function roleOps(ctx: SqliteContext): Sync<RoleStore> {
  const setTags = (row: RoleRow, tags: Tag[]): void => {
    ctx.run('UPDATE iam_roles SET tags = ? WHERE id = ?', tagsJson(tags), row.id)
    // Principal tags feed aws:PrincipalTag conditions, so they change permissions.
    ctx.bump()
  }
  return {
    createRole(input: CreateRoleInput): RoleRecord {
      const id = input.id ?? newEntityId('AROA')
      const tags = mergeTags([], input.tags ?? [], ctx.limits.tagsPerResource)
      ctx.accountId()
      changeBoundary(ctx, undefined, input.permissionsBoundaryArn)
      const row = insertUnique(() => ctx.get<RoleRow>(
        `INSERT INTO iam_roles (id, name, path, create_date, assume_role_policy, description, max_session_duration, permissions_boundary_arn, tags)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${INSERTED_ROLE_COLUMNS}`,
        id, input.name, input.path ?? '/', isoDate(input.createDate), input.assumeRolePolicyDocument, input.description,
        input.maxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION, input.permissionsBoundaryArn, tagsJson(tags)
      ), ALREADY_EXISTS.role(input.name), 'role')
      return toRole(ctx, row!)
    },
    getRole(name: string): RoleRecord | undefined {
      const row = ctx.get<RoleRow>(`SELECT ${ROLE_COLUMNS} FROM iam_roles r WHERE lower(r.name) = lower(?)`, name)
      return row && toRole(ctx, row)
    },
    getRoleById(id: string): RoleRecord | undefined {
      const row = ctx.get<RoleRow>(`SELECT ${ROLE_COLUMNS} FROM iam_roles r WHERE r.id = ?`, id)
      return row && toRole(ctx, row)
    },
    updateRole(name: string, changes: UpdateRoleInput): RoleRecord {
      const row = roleRow(ctx, name)
      ctx.run('UPDATE iam_roles SET description = ?, max_session_duration = ?, assume_role_policy = ? WHERE id = ?',
        changes.description ?? row.description, changes.maxSessionDuration ?? row.max_session_duration,
        changes.assumeRolePolicyDocument ?? row.assume_role_policy, row.id)
      // The trust policy decides who may assume the role and MaxSessionDuration for how long,
      // so both count as permission changes (the trusted-role cache keys on the revision).
      if (changes.assumeRolePolicyDocument !== undefined || changes.maxSessionDuration !== undefined) ctx.bump()
      return toRole(ctx, roleRow(ctx, name))
    },
    deleteRole(name: string): void {
      const row = roleRow(ctx, name)
      for (const [sql, message] of DELETE_BLOCKERS.role) {
        if (ctx.get(sql, row.id)) throw new StoreError('Conflict', message, 'role')
      }
      changeBoundary(ctx, row.permissions_boundary_arn ?? undefined, undefined)
      ctx.run('DELETE FROM iam_roles WHERE id = ?', row.id)
      ctx.bump()
    },
    listRoles(request?: PathPageRequest): Page<RoleRecord> {
      return pageByName<RoleRow, RoleRecord>(ctx, `SELECT ${ROLE_COLUMNS} FROM iam_roles r WHERE 1 = 1`, [], request,
        (r) => toRole(ctx, r), 'r.path')
    },
    setRolePermissionsBoundary(name: string, policyArn: string | undefined): void {
      const row = roleRow(ctx, name)
      changeBoundary(ctx, row.permissions_boundary_arn ?? undefined, policyArn)
      ctx.run('UPDATE iam_roles SET permissions_boundary_arn = ? WHERE id = ?', policyArn, row.id)
      ctx.bump()
    },
    recordRoleUsed(name: string, date: Date, region: string): void {
      const row = roleRow(ctx, name)
      ctx.run('UPDATE iam_roles SET last_used_date = ?, last_used_region = ? WHERE id = ?', isoDate(date), region, row.id)
    },
    tagRole(name: string, tags: Tag[]): void {
      const row = roleRow(ctx, name)
      setTags(row, mergeTags(parseTags(row.tags), tags, ctx.limits.tagsPerResource))
    },
    untagRole(name: string, keys: string[]): void {
      const row = roleRow(ctx, name)
      setTags(row, removeTags(parseTags(row.tags), keys))
    }
  }
}
