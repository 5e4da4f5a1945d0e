import { LOGIN_PROFILE_COLUMNS, loginProfileRecord, type LoginProfileRow } from '../people-records.js'
import { loginProfileChanged, loginProfileExists, loginProfileNotFound } from '../people-rules.js'
import type { CreateLoginProfileInput, UpdateLoginProfileInput } from '../people-types.js'
import type { LoginProfileStore } from '../store.js'
import { insertUnique } from './errors.js'
import type { WithSession } from './ops.js'
import type { PgSession } from './session.js'
import { userRow } from './users.js'

const SELECT = `SELECT ${LOGIN_PROFILE_COLUMNS} FROM login_profiles lp JOIN iam_users u ON u.id = lp.user_id`

async function byUserId(s: PgSession, id: string, lock = false): Promise<LoginProfileRow | undefined> {
  return s.get<LoginProfileRow>(`${SELECT} WHERE lp.user_id = ?${lock ? ' FOR UPDATE OF lp' : ''}`, id)
}

/** LoginProfileStore over PostgreSQL. */
export const loginProfileOps: WithSession<LoginProfileStore> = {
  async createLoginProfile(s, input: CreateLoginProfileInput) {
    // The user row stays put until commit, so DeleteUser cannot slip in between.
    const user = await userRow(s, input.userName, 'share')
    await insertUnique(() => s.run(
      'INSERT INTO login_profiles (user_id, password_hash, password_history, password_reset_required, create_date, password_last_changed) VALUES (?, ?, ?, ?, now(), now())',
      user.id, input.passwordHash, JSON.stringify(input.passwordHistory ?? []), input.passwordResetRequired
    ), loginProfileExists(user.name).message, 'login-profile')
    return loginProfileRecord((await byUserId(s, user.id))!)
  },
  async getLoginProfile(s, userName: string) {
    const row = await s.get<LoginProfileRow>(`${SELECT} WHERE lower(u.name) = lower(?)`, userName)
    return row && loginProfileRecord(row)
  },
  async updateLoginProfile(s, userName: string, changes: UpdateLoginProfileInput) {
    const user = await userRow(s, userName)
    // Locked, so the optimistic hash check and the write cannot interleave with another replica's.
    const row = await byUserId(s, user.id, true)
    if (!row) throw loginProfileNotFound(user.name)
    if (changes.ifPasswordHash !== undefined && changes.ifPasswordHash !== row.password_hash) throw loginProfileChanged(user.name)
    await s.run(
      `UPDATE login_profiles SET password_hash = ?, password_history = ?, password_reset_required = ?,
         password_last_changed = CASE WHEN ? THEN now() ELSE password_last_changed END WHERE user_id = ?`,
      changes.passwordHash ?? row.password_hash,
      JSON.stringify(changes.passwordHistory ?? row.password_history),
      changes.passwordResetRequired ?? row.password_reset_required === true,
      changes.passwordHash !== undefined,
      user.id
    )
    return loginProfileRecord((await byUserId(s, user.id))!)
  },
  async deleteLoginProfile(s, userName: string) {
    const user = await userRow(s, userName)
    const n = await s.run('DELETE FROM login_profiles WHERE user_id = ?', user.id)
    if (n === 0) throw loginProfileNotFound(user.name)
  }
}
