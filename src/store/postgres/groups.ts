import { StoreError } from '../errors.js'
import { newEntityId } from '../ids.js'
import { GROUP_COLUMNS, USER_COLUMNS, groupRecord, userRecord, type GroupRow, type UserRow } from '../records.js'
import { ALREADY_EXISTS, givenDate, DELETE_BLOCKERS, notInGroup, principalNotFound, quotaExceeded } from '../rules.js'
import type { GroupStore } from '../store.js'
import type { CreateGroupInput, GroupRecord, Page, PageRequest, PathPageRequest, UserRecord } from '../types.js'
import { insertUnique } from './errors.js'
import type { WithSession } from './ops.js'
import { lockClause, pageByName, type Lock } from './principals.js'
import type { PgSession } from './session.js'
import { userRow } from './users.js'

async function findGroup(s: PgSession, name: string, lock?: Lock): Promise<GroupRow | undefined> {
  return s.get<GroupRow>(`SELECT ${GROUP_COLUMNS} FROM iam_groups g WHERE lower(g.name) = lower(?)${lockClause(lock)}`, name)
}

async function groupRow(s: PgSession, name: string, lock?: Lock): Promise<GroupRow> {
  const row = await findGroup(s, name, lock)
  if (!row) throw principalNotFound('group', name)
  return row
}

/** GroupStore over PostgreSQL. */
export const groupOps: WithSession<GroupStore> = {
  async createGroup(s, input: CreateGroupInput) {
    const id = input.id ?? newEntityId('AGPA')
    const account = await s.accountId()
    await insertUnique(() => s.run('INSERT INTO iam_groups (id, name, path, create_date) VALUES (?, ?, ?, coalesce(?::timestamptz, now()))',
      id, input.name, input.path ?? '/', givenDate(input.createDate)), ALREADY_EXISTS.group(input.name), 'group')
    return groupRecord(account, await groupRow(s, input.name))
  },
  async getGroup(s, name: string) {
    const row = await findGroup(s, name)
    return row && groupRecord(await s.accountId(), row)
  },
  async updateGroup(s, name: string, changes: { newName?: string; newPath?: string }) {
    const row = await groupRow(s, name, 'update')
    const newName = changes.newName ?? row.name
    await insertUnique(() => s.run('UPDATE iam_groups SET name = ?, path = ? WHERE id = ?', newName, changes.newPath ?? row.path, row.id),
      ALREADY_EXISTS.group(newName), 'group')
    s.bump()
    return groupRecord(await s.accountId(), await groupRow(s, newName))
  },
  async deleteGroup(s, name: string) {
    const row = await groupRow(s, name, 'update')
    for (const [sql, message] of DELETE_BLOCKERS.group) {
      if (await s.get(sql, row.id)) throw new StoreError('Conflict', message, 'group')
    }
    await s.run('DELETE FROM iam_groups WHERE id = ?', row.id)
    s.bump()
  },
  async listGroups(s, request?: PathPageRequest): Promise<Page<GroupRecord>> {
    const account = await s.accountId()
    return pageByName<GroupRow, GroupRecord>(s, `SELECT ${GROUP_COLUMNS} FROM iam_groups g WHERE 1 = 1`, [], request,
      (r) => groupRecord(account, r), 'lower(g.name)', 'g.path')
  },
  async addUserToGroup(s, groupName: string, userName: string) {
    // The group stays until commit (a concurrent DeleteGroup then sees the member); the
    // user's row is the one GroupsPerUser is counted under.
    const group = await groupRow(s, groupName, 'share')
    const user = await userRow(s, userName, 'update')
    if (await s.get('SELECT 1 FROM group_members WHERE group_id = ? AND user_id = ?', group.id, user.id)) return
    const n = (await s.get<{ n: number }>('SELECT count(*)::int AS n FROM group_members WHERE user_id = ?', user.id))?.n ?? 0
    if (n >= s.limits.groupsPerUser) throw quotaExceeded('GroupsPerUser', s.limits.groupsPerUser, 'group')
    await s.run('INSERT INTO group_members (group_id, user_id) VALUES (?, ?)', group.id, user.id)
    s.bump()
  },
  async removeUserFromGroup(s, groupName: string, userName: string) {
    const group = await groupRow(s, groupName)
    const user = await userRow(s, userName)
    const n = await s.run('DELETE FROM group_members WHERE group_id = ? AND user_id = ?', group.id, user.id)
    if (n === 0) throw notInGroup(userName, groupName)
    s.bump()
  },
  async listGroupMembers(s, groupName: string, request?: PageRequest): Promise<Page<UserRecord>> {
    const group = await groupRow(s, groupName)
    const account = await s.accountId()
    return pageByName<UserRow, UserRecord>(s,
      `SELECT ${USER_COLUMNS} FROM group_members m JOIN iam_users u ON u.id = m.user_id WHERE m.group_id = ?`, [group.id],
      { ...request, pathPrefix: undefined }, (r) => userRecord(account, r), 'lower(u.name)', 'u.path')
  },
  async listGroupsForUser(s, userName: string, request?: PageRequest): Promise<Page<GroupRecord>> {
    const user = await userRow(s, userName)
    const account = await s.accountId()
    return pageByName<GroupRow, GroupRecord>(s,
      `SELECT ${GROUP_COLUMNS} FROM group_members m JOIN iam_groups g ON g.id = m.group_id WHERE m.user_id = ?`, [user.id],
      { ...request, pathPrefix: undefined }, (r) => groupRecord(account, r), 'lower(g.name)', 'g.path')
  }
}
