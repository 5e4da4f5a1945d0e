import { newEntityId } from '../ids.js'
import { KEY_COLUMNS, USER_COLUMNS, keyRecord, userRecord, type KeyRow, type UserRow } from '../records.js'
import { ALREADY_EXISTS, keyNotFound, quotaExceeded } from '../rules.js'
import type { AccessKeyStore } from '../store.js'
import type { AccessKeyStatus, CreateAccessKeyInput } from '../types.js'
import { insertUnique } from './errors.js'
import type { WithSession } from './ops.js'
import { userRow } from './users.js'

/** AccessKeyStore over PostgreSQL. */
export const accessKeyOps: WithSession<AccessKeyStore> = {
  async createAccessKey(s, input: CreateAccessKeyInput) {
    // Counted under the user's row lock: parallel creators on any replica queue here.
    const user = await userRow(s, input.userName, 'update')
    const n = (await s.get<{ n: number }>('SELECT count(*)::int AS n FROM access_keys WHERE user_id = ?', user.id))?.n ?? 0
    if (n >= s.limits.accessKeysPerUser) throw quotaExceeded('AccessKeysPerUser', s.limits.accessKeysPerUser, 'access-key')
    const id = input.id ?? newEntityId('AKIA')
    const row = await insertUnique(() => s.get<KeyRow>(
      `INSERT INTO access_keys AS k (id, user_id, status, secret, create_date) VALUES (?, ?, ?, ?, now()) RETURNING ${KEY_COLUMNS}`,
      id, user.id, input.status ?? 'Active', input.secretCiphertext), ALREADY_EXISTS['access-key'](id), 'access-key')
    if (!row) throw keyNotFound(id)
    return keyRecord(row, user)
  },
  async getAccessKey(s, id: string) {
    const row = await s.get<KeyRow & UserRow>(
      `SELECT ${KEY_COLUMNS}, ${USER_COLUMNS} FROM access_keys k JOIN iam_users u ON u.id = k.user_id WHERE k.id = ?`, id)
    if (!row) return undefined
    return { key: keyRecord(row, row), user: userRecord(await s.accountId(), row) }
  },
  async updateAccessKey(s, userName: string, id: string, status: AccessKeyStatus) {
    const user = await userRow(s, userName)
    const n = await s.run('UPDATE access_keys SET status = ? WHERE id = ? AND user_id = ?', status, id, user.id)
    if (n === 0) throw keyNotFound(id)
    s.bump()
  },
  async deleteAccessKey(s, userName: string, id: string) {
    const user = await userRow(s, userName)
    const n = await s.run('DELETE FROM access_keys WHERE id = ? AND user_id = ?', id, user.id)
    if (n === 0) throw keyNotFound(id)
    s.bump()
  },
  async listAccessKeys(s, userName: string) {
    const user = await userRow(s, userName)
    const rows = await s.all<KeyRow>(`SELECT ${KEY_COLUMNS} FROM access_keys k WHERE k.user_id = ? ORDER BY k.create_date, k.id`, user.id)
    return rows.map((r) => keyRecord(r, user))
  },
  async recordAccessKeyUsed(s, id: string, date: Date, serviceName: string, region: string) {
    const n = await s.run('UPDATE access_keys SET last_used_date = ?, last_used_service = ?, last_used_region = ? WHERE id = ?',
      date, serviceName, region, id)
    if (n === 0) throw keyNotFound(id)
  }
}
