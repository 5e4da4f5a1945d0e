import { entityArn } from '../arn.js'
import { StoreError } from '../errors.js'
import { newEntityId } from '../ids.js'
import type { GroupStore } from '../store.js'
import type { CreateGroupInput, GroupRecord, Page, PageRequest, PathPageRequest, UserRecord } from '../types.js'
import { insertUnique, isoDate, type SqliteContext } from './context.js'
import { pageByName, principalNotFound } from './principals.js'
import type { Sync } from './sync.js'
import { USER_COLUMNS, toUser, userRow, type UserRow } from './users.js'

interface GroupRow {
  id: string
  name: string
  path: string
  create_date: string
  sort_key: string
}

const COLUMNS = 'g.id, g.name, g.path, g.create_date, lower(g.name) AS sort_key'

/** A stored group row as a record. */
export function toGroup(ctx: SqliteContext, row: Omit<GroupRow, 'sort_key'>): GroupRecord {
  return { id: row.id, name: row.name, path: row.path, arn: entityArn(ctx.accountId(), 'group', row.path, row.name), createDate: new Date(row.create_date) }
}

function groupRow(ctx: SqliteContext, name: string): GroupRow {
  const row = ctx.get<GroupRow>(`SELECT ${COLUMNS} FROM iam_groups g WHERE lower(g.name) = lower(?)`, name)
  if (!row) throw principalNotFound('group', name)
  return row
}

function exists(name: string): string {
  return `Group with name ${name} already exists.`
}

/** GroupStore over SQLite. */
export function groupOps(ctx: SqliteContext): Sync<GroupStore> {
  return {
    createGroup(input: CreateGroupInput): GroupRecord {
      const id = input.id ?? newEntityId('AGPA')
      ctx.accountId()
      insertUnique(() => ctx.run('INSERT INTO iam_groups (id, name, path, create_date) VALUES (?, ?, ?, ?)',
        id, input.name, input.path ?? '/', isoDate(input.createDate)), exists(input.name), 'group')
      return toGroup(ctx, groupRow(ctx, input.name))
    },
    getGroup(name: string): GroupRecord | undefined {
      const row = ctx.get<GroupRow>(`SELECT ${COLUMNS} FROM iam_groups g WHERE lower(g.name) = lower(?)`, name)
      return row && toGroup(ctx, row)
    },
    updateGroup(name: string, changes: { newName?: string; newPath?: string }): GroupRecord {
      const row = groupRow(ctx, name)
      const newName = changes.newName ?? row.name
      insertUnique(() => ctx.run('UPDATE iam_groups SET name = ?, path = ? WHERE id = ?', newName, changes.newPath ?? row.path, row.id),
        exists(newName), 'group')
      ctx.bump()
      return toGroup(ctx, groupRow(ctx, newName))
    },
    deleteGroup(name: string): void {
      const row = groupRow(ctx, name)
      const blockers: [string, string][] = [
        ['SELECT 1 FROM group_members WHERE group_id = ? LIMIT 1', 'Cannot delete entity, must remove users from group first.'],
        ['SELECT 1 FROM group_inline_policies WHERE principal_id = ? LIMIT 1', 'Cannot delete entity, must delete policies first.'],
        ['SELECT 1 FROM group_policy_attachments WHERE principal_id = ? LIMIT 1', 'Cannot delete entity, must detach all policies first.']
      ]
      for (const [sql, message] of blockers) {
        if (ctx.get(sql, row.id)) throw new StoreError('Conflict', message, 'group')
      }
      ctx.run('DELETE FROM iam_groups WHERE id = ?', row.id)
      ctx.bump()
    },
    listGroups(request?: PathPageRequest): Page<GroupRecord> {
      return pageByName<GroupRow, GroupRecord>(ctx, `SELECT ${COLUMNS} FROM iam_groups g WHERE 1 = 1`, [], request,
        (r) => toGroup(ctx, r), 'g.path')
    },
    addUserToGroup(groupName: string, userName: string): void {
      const group = groupRow(ctx, groupName)
      const user = userRow(ctx, userName)
      if (ctx.get('SELECT 1 FROM group_members WHERE group_id = ? AND user_id = ?', group.id, user.id)) return
      const n = ctx.get<{ n: number }>('SELECT count(*) AS n FROM group_members WHERE user_id = ?', user.id)?.n ?? 0
      if (n >= ctx.limits.groupsPerUser) {
        throw new StoreError('LimitExceeded', `Cannot exceed quota for GroupsPerUser: ${ctx.limits.groupsPerUser}`, 'group')
      }
      ctx.run('INSERT INTO group_members (group_id, user_id) VALUES (?, ?)', group.id, user.id)
      ctx.bump()
    },
    removeUserFromGroup(groupName: string, userName: string): void {
      const group = groupRow(ctx, groupName)
      const user = userRow(ctx, userName)
      const res = ctx.run('DELETE FROM group_members WHERE group_id = ? AND user_id = ?', group.id, user.id)
      if (res.changes === 0) {
        throw new StoreError('NotFound', `The user with name ${userName} cannot be found in group ${groupName}.`, 'user')
      }
      ctx.bump()
    },
    listGroupMembers(groupName: string, request?: PageRequest): Page<UserRecord> {
      const group = groupRow(ctx, groupName)
      return pageByName<UserRow, UserRecord>(ctx,
        `SELECT ${USER_COLUMNS} FROM group_members m JOIN iam_users u ON u.id = m.user_id WHERE m.group_id = ?`, [group.id],
        { ...request, pathPrefix: undefined }, (r) => toUser(ctx, r))
    },
    listGroupsForUser(userName: string, request?: PageRequest): Page<GroupRecord> {
      const user = userRow(ctx, userName)
      return pageByName<GroupRow, GroupRecord>(ctx,
        `SELECT ${COLUMNS} FROM group_members m JOIN iam_groups g ON g.id = m.group_id WHERE m.user_id = ?`, [user.id],
        { ...request, pathPrefix: undefined }, (r) => toGroup(ctx, r))
    }
  }
}
