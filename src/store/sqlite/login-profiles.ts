import { LOGIN_PROFILE_COLUMNS, loginProfileRecord, type LoginProfileRow } from '../people-records.js'
import { loginProfileChanged, loginProfileExists, loginProfileNotFound } from '../people-rules.js'
import type { CreateLoginProfileInput, LoginProfileRecord, UpdateLoginProfileInput } from '../people-types.js'
import type { LoginProfileStore } from '../store.js'
import { insertUnique, isoDate, type SqliteContext } from './context.js'
import type { Sync } from './sync.js'
import { userRow } from './users.js'

const SELECT = `SELECT ${LOGIN_PROFILE_COLUMNS} FROM login_profiles lp JOIN iam_users u ON u.id = lp.user_id`

/** LoginProfileStore over SQLite. */
export function loginProfileOps(ctx: SqliteContext): Sync<LoginProfileStore> {
  const byUserId = (id: string): LoginProfileRow | undefined => ctx.get<LoginProfileRow>(`${SELECT} WHERE lp.user_id = ?`, id)
  return {
    createLoginProfile(input: CreateLoginProfileInput): LoginProfileRecord {
      const user = userRow(ctx, input.userName)
      const now = isoDate()
      insertUnique(() => ctx.run(
        'INSERT INTO login_profiles (user_id, password_hash, password_history, password_reset_required, create_date, password_last_changed) VALUES (?, ?, ?, ?, ?, ?)',
        user.id, input.passwordHash, JSON.stringify(input.passwordHistory ?? []), input.passwordResetRequired ? 1 : 0, now, now
      ), loginProfileExists(user.name).message, 'login-profile')
      return loginProfileRecord(byUserId(user.id)!)
    },
    getLoginProfile(userName: string): LoginProfileRecord | undefined {
      const row = ctx.get<LoginProfileRow>(`${SELECT} WHERE lower(u.name) = lower(?)`, userName)
      return row && loginProfileRecord(row)
    },
    updateLoginProfile(userName: string, changes: UpdateLoginProfileInput): LoginProfileRecord {
      const user = userRow(ctx, userName)
      const row = byUserId(user.id)
      if (!row) throw loginProfileNotFound(user.name)
      if (changes.ifPasswordHash !== undefined && changes.ifPasswordHash !== row.password_hash) throw loginProfileChanged(user.name)
      const hash = changes.passwordHash ?? row.password_hash
      const history = changes.passwordHistory === undefined ? row.password_history : JSON.stringify(changes.passwordHistory)
      const reset = changes.passwordResetRequired === undefined ? row.password_reset_required : changes.passwordResetRequired ? 1 : 0
      const changed = changes.passwordHash === undefined ? row.password_last_changed : isoDate()
      ctx.run('UPDATE login_profiles SET password_hash = ?, password_history = ?, password_reset_required = ?, password_last_changed = ? WHERE user_id = ?',
        hash, history as string, Number(reset), changed as string, user.id)
      return loginProfileRecord(byUserId(user.id)!)
    },
    deleteLoginProfile(userName: string): void {
      const user = userRow(ctx, userName)
      const res = ctx.run('DELETE FROM login_profiles WHERE user_id = ?', user.id)
      if (res.changes === 0) throw loginProfileNotFound(user.name)
    }
  }
}
