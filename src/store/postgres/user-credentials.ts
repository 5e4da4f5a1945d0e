import { USER_CREDENTIAL_COLUMNS, userCredentialRecord, type UserCredentialRow } from '../people-records.js'
import { userCredentialDuplicate, userCredentialNotFound, userCredentialQuota, userCredentialsExceeded } from '../people-rules.js'
import type { CreateUserCredentialInput, UserCredentialKind, UserCredentialStatus } from '../people-types.js'
import type { UserCredentialStore } from '../store.js'
import { insertUnique } from './errors.js'
import type { WithSession } from './ops.js'
import type { PgSession } from './session.js'
import { userRow } from './users.js'

const SELECT = `SELECT ${USER_CREDENTIAL_COLUMNS} FROM user_credentials c JOIN iam_users u ON u.id = c.user_id`

async function owned(s: PgSession, kind: UserCredentialKind, userName: string, id: string, lock = false): Promise<UserCredentialRow> {
  const user = await userRow(s, userName)
  const row = await s.get<UserCredentialRow>(`${SELECT} WHERE c.id = ? AND c.kind = ? AND c.user_id = ?${lock ? ' FOR UPDATE OF c' : ''}`, id, kind, user.id)
  if (!row) throw userCredentialNotFound(kind, id)
  return row
}

/** UserCredentialStore over PostgreSQL. */
export const userCredentialOps: WithSession<UserCredentialStore> = {
  async createUserCredential(s, input: CreateUserCredentialInput) {
    // Counted under the user's row lock: parallel uploads on any replica queue here.
    const user = await userRow(s, input.userName, 'update')
    const quota = userCredentialQuota(input.kind, s.limits)
    const n = (await s.get<{ n: number }>('SELECT count(*)::int AS n FROM user_credentials WHERE user_id = ? AND kind = ? AND service_name IS NOT DISTINCT FROM ?',
      user.id, input.kind, input.serviceName))?.n ?? 0
    if (n >= quota.limit) throw userCredentialsExceeded(quota)
    await insertUnique(() => s.run(
      'INSERT INTO user_credentials (id, kind, user_id, status, create_date, body, fingerprint, service_name, service_user_name, secret) VALUES (?, ?, ?, ?, now(), ?, ?, ?, ?, ?)',
      input.id, input.kind, user.id, input.status ?? 'Active', input.body, input.fingerprint, input.serviceName, input.serviceUserName, input.secretCiphertext
    ), userCredentialDuplicate().message, 'user-credential')
    return userCredentialRecord(await owned(s, input.kind, user.name, input.id))
  },
  async getUserCredential(s, kind: UserCredentialKind, userName: string, id: string) {
    const row = await s.get<UserCredentialRow>(`${SELECT} WHERE c.id = ? AND c.kind = ? AND lower(u.name) = lower(?)`, id, kind, userName)
    return row && userCredentialRecord(row)
  },
  async listUserCredentials(s, kind: UserCredentialKind, filter: { userName?: string; serviceName?: string }) {
    const userId = filter.userName === undefined ? undefined : (await userRow(s, filter.userName)).id
    const rows = await s.all<UserCredentialRow>(
      `${SELECT} WHERE c.kind = ? AND (?::text IS NULL OR c.user_id = ?) AND (?::text IS NULL OR c.service_name = ?) ORDER BY c.create_date, c.id`,
      kind, userId, userId, filter.serviceName, filter.serviceName)
    return rows.map(userCredentialRecord)
  },
  async updateUserCredential(s, kind: UserCredentialKind, userName: string, id: string, changes: { status?: UserCredentialStatus; secretCiphertext?: Uint8Array }) {
    const row = await owned(s, kind, userName, id, true)
    await s.run('UPDATE user_credentials SET status = ?, secret = ? WHERE id = ?', changes.status ?? row.status, changes.secretCiphertext ?? row.secret, row.id)
    return userCredentialRecord(await owned(s, kind, userName, id))
  },
  async deleteUserCredential(s, kind: UserCredentialKind, userName: string, id: string) {
    const row = await owned(s, kind, userName, id)
    await s.run('DELETE FROM user_credentials WHERE id = ?', row.id)
  }
}
