import { StoreError } from '../errors.js'
import { newEntityId } from '../ids.js'
import { USER_COLUMNS, parseTags, tagsJson, userRecord, type UserRow } from '../records.js'
import { ALREADY_EXISTS, givenDate, DELETE_BLOCKERS, principalNotFound } from '../rules.js'
import type { UserStore } from '../store.js'
import { mergeTags, removeTags } from '../tags.js'
import type { CreateUserInput, Page, PathPageRequest, Tag, UserRecord } from '../types.js'
import { insertUnique } from './errors.js'
import type { WithSession } from './ops.js'
import { changeBoundary } from './policies.js'
import { lockClause, pageByName, type Lock } from './principals.js'
import type { PgSession } from './session.js'

/** A stored user row as a record. */
export async function toUser(s: PgSession, row: UserRow): Promise<UserRecord> {
  return userRecord(await s.accountId(), row)
}

async function findUser(s: PgSession, name: string, lock?: Lock): Promise<UserRow | undefined> {
  return s.get<UserRow>(`SELECT ${USER_COLUMNS} FROM iam_users u WHERE lower(u.name) = lower(?)${lockClause(lock)}`, name)
}

/** The user row for a name, NotFound if there is none. */
export async function userRow(s: PgSession, name: string, lock?: Lock): Promise<UserRow> {
  const row = await findUser(s, name, lock)
  if (!row) throw principalNotFound('user', name)
  return row
}

/** UserStore over PostgreSQL. */
export const userOps: WithSession<UserStore> = {
  async createUser(s, input: CreateUserInput) {
    const id = input.id ?? newEntityId('AIDA')
    const tags = mergeTags([], input.tags ?? [], s.limits.tagsPerResource)
    await s.accountId()
    await changeBoundary(s, undefined, input.permissionsBoundaryArn)
    const row = await insertUnique(() => s.get<UserRow>(
      `INSERT INTO iam_users AS u (id, name, path, create_date, permissions_boundary_arn, tags) VALUES (?, ?, ?, coalesce(?::timestamptz, now()), ?, ?) RETURNING ${USER_COLUMNS}`,
      id, input.name, input.path ?? '/', givenDate(input.createDate), input.permissionsBoundaryArn, tagsJson(tags)
    ), ALREADY_EXISTS.user(input.name), 'user')
    return toUser(s, row as UserRow)
  },
  async getUser(s, name: string) {
    const row = await findUser(s, name)
    return row && toUser(s, row)
  },
  async getUserById(s, id: string) {
    const row = await s.get<UserRow>(`SELECT ${USER_COLUMNS} FROM iam_users u WHERE u.id = ?`, id)
    return row && toUser(s, row)
  },
  async updateUser(s, name: string, changes: { newName?: string; newPath?: string }) {
    const row = await userRow(s, name, 'update')
    const newName = changes.newName ?? row.name
    await insertUnique(() => s.run('UPDATE iam_users SET name = ?, path = ? WHERE id = ?', newName, changes.newPath ?? row.path, row.id),
      ALREADY_EXISTS.user(newName), 'user')
    s.bump()
    return toUser(s, await userRow(s, newName))
  },
  async deleteUser(s, name: string) {
    // The lock keeps keys, memberships and policies from arriving between the checks and the delete.
    const row = await userRow(s, name, 'update')
    for (const [sql, message] of DELETE_BLOCKERS.user) {
      if (await s.get(sql, row.id)) throw new StoreError('Conflict', message, 'user')
    }
    await changeBoundary(s, row.permissions_boundary_arn ?? undefined, undefined)
    await s.run('DELETE FROM iam_users WHERE id = ?', row.id)
    s.bump()
  },
  async listUsers(s, request?: PathPageRequest): Promise<Page<UserRecord>> {
    const account = await s.accountId()
    return pageByName<UserRow, UserRecord>(s, `SELECT ${USER_COLUMNS} FROM iam_users u WHERE 1 = 1`, [], request,
      (r) => userRecord(account, r), 'lower(u.name)', 'u.path')
  },
  async setUserPermissionsBoundary(s, name: string, policyArn: string | undefined) {
    const row = await userRow(s, name, 'update')
    await changeBoundary(s, row.permissions_boundary_arn ?? undefined, policyArn)
    await s.run('UPDATE iam_users SET permissions_boundary_arn = ? WHERE id = ?', policyArn, row.id)
    s.bump()
  },
  async tagUser(s, name: string, tags: Tag[]) {
    const row = await userRow(s, name, 'update')
    await setTags(s, row.id, mergeTags(parseTags(row.tags), tags, s.limits.tagsPerResource))
  },
  async untagUser(s, name: string, keys: string[]) {
    const row = await userRow(s, name, 'update')
    await setTags(s, row.id, removeTags(parseTags(row.tags), keys))
  }
}

async function setTags(s: PgSession, id: string, tags: Tag[]): Promise<void> {
  await s.run('UPDATE iam_users SET tags = ? WHERE id = ?', tagsJson(tags), id)
  // Principal tags feed aws:PrincipalTag conditions, so they change permissions.
  s.bump()
}
