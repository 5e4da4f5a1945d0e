import { entityArn } from '../arn.js'
import { StoreError } from '../errors.js'
import { newEntityId } from '../ids.js'
import { PEOPLE_USER_BLOCKERS } from '../people-rules.js'
import type { UserStore } from '../store.js'
import { mergeTags, removeTags } from '../tags.js'
import type { CreateUserInput, Page, PathPageRequest, Tag, UserRecord } from '../types.js'
import { insertUnique, isoDate, optDate, type SqliteContext } from './context.js'
import { changeBoundary } from './policies.js'
import { pageByName, parseTags, principalId, principalNotFound, tagsJson } from './principals.js'
import type { Sync } from './sync.js'

export interface UserRow {
  id: string
  name: string
  path: string
  create_date: string
  permissions_boundary_arn: string | null
  password_last_used: string | null
  tags: string
  sort_key: string
}

/** The user columns, for queries that alias iam_users as `u`. */
export const USER_COLUMNS = 'u.id, u.name, u.path, u.create_date, u.permissions_boundary_arn, u.password_last_used, u.tags, lower(u.name) AS sort_key'

/** A stored user row as a record. */
export function toUser(ctx: SqliteContext, row: UserRow): UserRecord {
  const user: UserRecord = {
    id: row.id,
    name: row.name,
    path: row.path,
    arn: entityArn(ctx.accountId(), 'user', row.path, row.name),
    createDate: new Date(row.create_date),
    tags: parseTags(row.tags)
  }
  if (row.permissions_boundary_arn !== null) user.permissionsBoundaryArn = row.permissions_boundary_arn
  const used = optDate(row.password_last_used)
  if (used) user.passwordLastUsed = used
  return user
}

function exists(name: string): string {
  return `User with name ${name} already exists.`
}

/** The user row for a name, NotFound if there is none. */
export function userRow(ctx: SqliteContext, name: string): UserRow {
  const row = ctx.get<UserRow>(`SELECT ${USER_COLUMNS} FROM iam_users u WHERE lower(u.name) = lower(?)`, name)
  if (!row) throw principalNotFound('user', name)
  return row
}

/** UserStore over SQLite. */
export function userOps(ctx: SqliteContext): Sync<UserStore> {
  const get = (name: string): UserRecord | undefined => {
    const row = ctx.get<UserRow>(`SELECT ${USER_COLUMNS} FROM iam_users u WHERE lower(u.name) = lower(?)`, name)
    return row && toUser(ctx, row)
  }
  const setTags = (name: string, tags: Tag[]): void => {
    ctx.run('UPDATE iam_users SET tags = ? WHERE id = ?', tagsJson(tags), principalId(ctx, { type: 'user', name }))
    // Principal tags feed aws:PrincipalTag conditions, so they change permissions.
    ctx.bump()
  }
  return {
    createUser(input: CreateUserInput): UserRecord {
      const id = input.id ?? newEntityId('AIDA')
      const tags = mergeTags([], input.tags ?? [], ctx.limits.tagsPerResource)
      ctx.accountId()
      changeBoundary(ctx, undefined, input.permissionsBoundaryArn)
      insertUnique(() => ctx.run(
        'INSERT INTO iam_users (id, name, path, create_date, permissions_boundary_arn, tags) VALUES (?, ?, ?, ?, ?, ?)',
        id, input.name, input.path ?? '/', isoDate(input.createDate), input.permissionsBoundaryArn, tagsJson(tags)
      ), exists(input.name), 'user')
      return toUser(ctx, userRow(ctx, input.name))
    },
    getUser: get,
    getUserById(id: string): UserRecord | undefined {
      const row = ctx.get<UserRow>(`SELECT ${USER_COLUMNS} FROM iam_users u WHERE u.id = ?`, id)
      return row && toUser(ctx, row)
    },
    updateUser(name: string, changes: { newName?: string; newPath?: string }): UserRecord {
      const row = userRow(ctx, name)
      const newName = changes.newName ?? row.name
      insertUnique(() => ctx.run('UPDATE iam_users SET name = ?, path = ? WHERE id = ?', newName, changes.newPath ?? row.path, row.id),
        exists(newName), 'user')
      ctx.bump()
      return toUser(ctx, userRow(ctx, newName))
    },
    deleteUser(name: string): void {
      const row = userRow(ctx, name)
      const blockers: (readonly [string, string])[] = [
        ['SELECT 1 FROM access_keys WHERE user_id = ? LIMIT 1', 'Cannot delete entity, must delete access keys first.'],
        ['SELECT 1 FROM user_inline_policies WHERE principal_id = ? LIMIT 1', 'Cannot delete entity, must delete policies first.'],
        ['SELECT 1 FROM user_policy_attachments WHERE principal_id = ? LIMIT 1', 'Cannot delete entity, must detach all policies first.'],
        ['SELECT 1 FROM group_members WHERE user_id = ? LIMIT 1', 'Cannot delete entity, must remove users from group first.'],
        ...PEOPLE_USER_BLOCKERS
      ]
      for (const [sql, message] of blockers) {
        if (ctx.get(sql, row.id)) throw new StoreError('Conflict', message, 'user')
      }
      changeBoundary(ctx, row.permissions_boundary_arn ?? undefined, undefined)
      ctx.run('DELETE FROM iam_users WHERE id = ?', row.id)
      ctx.bump()
    },
    listUsers(request?: PathPageRequest): Page<UserRecord> {
      return pageByName<UserRow, UserRecord>(ctx, `SELECT ${USER_COLUMNS} FROM iam_users u WHERE 1 = 1`, [], request,
        (r) => toUser(ctx, r), 'u.path')
    },
    setUserPermissionsBoundary(name: string, policyArn: string | undefined): void {
      const row = userRow(ctx, name)
      changeBoundary(ctx, row.permissions_boundary_arn ?? undefined, policyArn)
      ctx.run('UPDATE iam_users SET permissions_boundary_arn = ? WHERE id = ?', policyArn, row.id)
      ctx.bump()
    },
    tagUser(name: string, tags: Tag[]): void {
      setTags(name, mergeTags(parseTags(userRow(ctx, name).tags), tags, ctx.limits.tagsPerResource))
    },
    untagUser(name: string, keys: string[]): void {
      setTags(name, removeTags(parseTags(userRow(ctx, name).tags), keys))
    }
  }
}
