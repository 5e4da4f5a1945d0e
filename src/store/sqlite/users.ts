import { StoreError } from '../errors.js'
import { newEntityId } from '../ids.js'
import { USER_COLUMNS, parseTags, tagsJson, userRecord, type UserRow } from '../records.js'
import { ALREADY_EXISTS, DELETE_BLOCKERS, principalNotFound } from '../rules.js'
import type { UserStore } from '../store.js'
import { mergeTags, removeTags } from '../tags.js'
import type { CreateUserInput, Page, PathPageRequest, Tag, UserRecord } from '../types.js'
import { insertUnique, isoDate, type SqliteContext } from './context.js'
import { changeBoundary } from './policies.js'
import { pageByName, principalId } from './principals.js'
import type { Sync } from './sync.js'

/** A stored user row as a record. */
export function toUser(ctx: SqliteContext, row: UserRow): UserRecord {
  return userRecord(ctx.accountId(), row)
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
      ), ALREADY_EXISTS.user(input.name), 'user')
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
        ALREADY_EXISTS.user(newName), 'user')
      ctx.bump()
      return toUser(ctx, userRow(ctx, newName))
    },
    deleteUser(name: string): void {
      const row = userRow(ctx, name)
      for (const [sql, message] of DELETE_BLOCKERS.user) {
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
