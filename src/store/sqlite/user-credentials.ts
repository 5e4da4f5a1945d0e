import { USER_CREDENTIAL_COLUMNS, userCredentialRecord, type UserCredentialRow } from '../people-records.js'
import { userCredentialDuplicate, userCredentialNotFound, userCredentialQuota, userCredentialsExceeded } from '../people-rules.js'
import type { CreateUserCredentialInput, UserCredentialKind, UserCredentialRecord, UserCredentialStatus } from '../people-types.js'
import type { UserCredentialStore } from '../store.js'
import { insertUnique, isoDate, type SqliteContext } from './context.js'
import type { Sync } from './sync.js'
import { userRow } from './users.js'

const SELECT = `SELECT ${USER_CREDENTIAL_COLUMNS} FROM user_credentials c JOIN iam_users u ON u.id = c.user_id`

/** UserCredentialStore over SQLite. */
export function userCredentialOps(ctx: SqliteContext): Sync<UserCredentialStore> {
  const owned = (kind: UserCredentialKind, userName: string, id: string): UserCredentialRow => {
    const user = userRow(ctx, userName)
    const row = ctx.get<UserCredentialRow>(`${SELECT} WHERE c.id = ? AND c.kind = ? AND c.user_id = ?`, id, kind, user.id)
    if (!row) throw userCredentialNotFound(kind, id)
    return row
  }
  return {
    createUserCredential(input: CreateUserCredentialInput): UserCredentialRecord {
      const user = userRow(ctx, input.userName)
      const quota = userCredentialQuota(input.kind, ctx.limits)
      const n = ctx.get<{ n: number }>('SELECT count(*) AS n FROM user_credentials WHERE user_id = ? AND kind = ? AND service_name IS ?',
        user.id, input.kind, input.serviceName)?.n ?? 0
      if (n >= quota.limit) throw userCredentialsExceeded(quota)
      insertUnique(() => ctx.run(
        'INSERT INTO user_credentials (id, kind, user_id, status, create_date, body, fingerprint, service_name, service_user_name, secret) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        input.id, input.kind, user.id, input.status ?? 'Active', isoDate(), input.body, input.fingerprint, input.serviceName, input.serviceUserName, input.secretCiphertext
      ), userCredentialDuplicate().message, 'user-credential')
      return userCredentialRecord(owned(input.kind, user.name, input.id))
    },
    getUserCredential(kind: UserCredentialKind, userName: string, id: string): UserCredentialRecord | undefined {
      const row = ctx.get<UserCredentialRow>(`${SELECT} WHERE c.id = ? AND c.kind = ? AND lower(u.name) = lower(?)`, id, kind, userName)
      return row && userCredentialRecord(row)
    },
    listUserCredentials(kind: UserCredentialKind, filter: { userName?: string; serviceName?: string }): UserCredentialRecord[] {
      const userId = filter.userName === undefined ? undefined : userRow(ctx, filter.userName).id
      return ctx.all<UserCredentialRow>(
        `${SELECT} WHERE c.kind = ? AND (? IS NULL OR c.user_id = ?) AND (? IS NULL OR c.service_name = ?) ORDER BY c.create_date, c.id`,
        kind, userId, userId, filter.serviceName, filter.serviceName
      ).map(userCredentialRecord)
    },
    updateUserCredential(kind: UserCredentialKind, userName: string, id: string, changes: { status?: UserCredentialStatus; secretCiphertext?: Uint8Array }): UserCredentialRecord {
      const row = owned(kind, userName, id)
      ctx.run('UPDATE user_credentials SET status = ?, secret = ? WHERE id = ?', changes.status ?? row.status, changes.secretCiphertext ?? row.secret, row.id)
      return userCredentialRecord(owned(kind, userName, id))
    },
    deleteUserCredential(kind: UserCredentialKind, userName: string, id: string): void {
      ctx.run('DELETE FROM user_credentials WHERE id = ?', owned(kind, userName, id).id)
    }
  }
}
