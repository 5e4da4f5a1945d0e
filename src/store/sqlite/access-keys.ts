import { newEntityId } from '../ids.js'
import { KEY_COLUMNS, USER_COLUMNS, keyRecord as toKey, type KeyRow, type UserRow } from '../records.js'
import { ALREADY_EXISTS, keyNotFound, quotaExceeded } from '../rules.js'
import type { AccessKeyStore } from '../store.js'
import type { AccessKeyRecord, AccessKeyStatus, CreateAccessKeyInput, UserRecord } from '../types.js'
import { insertUnique, isoDate, type SqliteContext } from './context.js'
import type { Sync } from './sync.js'
import { toUser, userRow } from './users.js'

/** AccessKeyStore over SQLite. */
export function accessKeyOps(ctx: SqliteContext): Sync<AccessKeyStore> {
  return {
    createAccessKey(input: CreateAccessKeyInput): AccessKeyRecord {
      const user = userRow(ctx, input.userName)
      const n = ctx.get<{ n: number }>('SELECT count(*) AS n FROM access_keys WHERE user_id = ?', user.id)?.n ?? 0
      if (n >= ctx.limits.accessKeysPerUser) throw quotaExceeded('AccessKeysPerUser', ctx.limits.accessKeysPerUser, 'access-key')
      const id = input.id ?? newEntityId('AKIA')
      insertUnique(() => ctx.run('INSERT INTO access_keys (id, user_id, status, secret, create_date) VALUES (?, ?, ?, ?, ?)',
        id, user.id, input.status ?? 'Active', input.secretCiphertext, isoDate()), ALREADY_EXISTS['access-key'](id), 'access-key')
      const row = ctx.get<KeyRow>(`SELECT ${KEY_COLUMNS} FROM access_keys k WHERE k.id = ?`, id)
      if (!row) throw keyNotFound(id)
      return toKey(row, user)
    },
    getAccessKey(id: string): { key: AccessKeyRecord; user: UserRecord } | undefined {
      const row = ctx.get<KeyRow & UserRow>(
        `SELECT ${KEY_COLUMNS}, ${USER_COLUMNS} FROM access_keys k JOIN iam_users u ON u.id = k.user_id WHERE k.id = ?`, id)
      if (!row) return undefined
      return { key: toKey(row, row), user: toUser(ctx, row) }
    },
    updateAccessKey(userName: string, id: string, status: AccessKeyStatus): void {
      const user = userRow(ctx, userName)
      const res = ctx.run('UPDATE access_keys SET status = ? WHERE id = ? AND user_id = ?', status, id, user.id)
      if (res.changes === 0) throw keyNotFound(id)
      ctx.bump()
    },
    deleteAccessKey(userName: string, id: string): void {
      const user = userRow(ctx, userName)
      const res = ctx.run('DELETE FROM access_keys WHERE id = ? AND user_id = ?', id, user.id)
      if (res.changes === 0) throw keyNotFound(id)
      ctx.bump()
    },
    listAccessKeys(userName: string): AccessKeyRecord[] {
      const user = userRow(ctx, userName)
      return ctx.all<KeyRow>(`SELECT ${KEY_COLUMNS} FROM access_keys k WHERE k.user_id = ? ORDER BY k.create_date, k.id`, user.id)
        .map((r) => toKey(r, user))
    },
    recordAccessKeyUsed(id: string, date: Date, serviceName: string, region: string): void {
      const res = ctx.run('UPDATE access_keys SET last_used_date = ?, last_used_service = ?, last_used_region = ? WHERE id = ?',
        isoDate(date), serviceName, region, id)
      if (res.changes === 0) throw keyNotFound(id)
    }
  }
}
