import { StoreError } from '../errors.js'
import type { AccountStore, DeletionTaskStore } from '../store.js'
import type { AccountRecord, CredentialReportRecord, DeletionTaskRecord, DeletionTaskStatus, PasswordPolicy } from '../types.js'
import { insertUnique, isoDate, optDate, type SqliteContext } from './context.js'
import type { Sync } from './sync.js'

interface AccountRow {
  id: string
  alias: string | null
  password_policy: string | null
  create_date: string
}

function toAccount(row: AccountRow): AccountRecord {
  const a: AccountRecord = { id: row.id, createDate: new Date(row.create_date) }
  if (row.alias !== null) a.alias = row.alias
  if (row.password_policy !== null) a.passwordPolicy = JSON.parse(row.password_policy) as PasswordPolicy
  return a
}

/** AccountStore over SQLite. */
export function accountOps(ctx: SqliteContext): Sync<AccountStore> {
  const get = (): AccountRow | undefined => ctx.get<AccountRow>('SELECT id, alias, password_policy, create_date FROM account WHERE singleton = 1')
  const require = (): AccountRow => {
    const row = get()
    if (!row) throw new StoreError('NotFound', 'The account has not been initialized.', 'account')
    return row
  }
  return {
    getAccount(): AccountRecord | undefined {
      const row = get()
      return row && toAccount(row)
    },
    initAccount(id: string): AccountRecord {
      const row = get()
      if (row) {
        if (row.id !== id) throw new StoreError('Conflict', `This data directory belongs to account ${row.id}, not ${id}.`, 'account')
        return toAccount(row)
      }
      ctx.run('INSERT INTO account (singleton, id, create_date) VALUES (1, ?, ?)', id, isoDate())
      return toAccount(require())
    },
    setAccountAlias(alias: string | undefined): void {
      require()
      ctx.run('UPDATE account SET alias = ? WHERE singleton = 1', alias)
    },
    setPasswordPolicy(policy: PasswordPolicy | undefined): void {
      require()
      ctx.run('UPDATE account SET password_policy = ? WHERE singleton = 1', policy === undefined ? undefined : JSON.stringify(policy))
    },
    getCredentialReport(): CredentialReportRecord | undefined {
      const row = ctx.get<{ requested_at: string; generated_at: string | null; content: string | null }>(
        'SELECT requested_at, generated_at, content FROM credential_report WHERE singleton = 1')
      if (!row) return undefined
      const report: CredentialReportRecord = { requestedAt: new Date(row.requested_at) }
      const generated = optDate(row.generated_at)
      if (generated) report.generatedAt = generated
      if (row.content !== null) report.content = row.content
      return report
    },
    putCredentialReport(report: CredentialReportRecord): void {
      require()
      ctx.run(`INSERT INTO credential_report (singleton, requested_at, generated_at, content) VALUES (1, ?, ?, ?)
               ON CONFLICT (singleton) DO UPDATE SET requested_at = excluded.requested_at, generated_at = excluded.generated_at, content = excluded.content`,
      isoDate(report.requestedAt), report.generatedAt && isoDate(report.generatedAt), report.content)
    }
  }
}

interface TaskRow {
  id: string
  role_name: string
  status: DeletionTaskStatus
  reason: string | null
  create_date: string
}

/** DeletionTaskStore over SQLite. */
export function deletionTaskOps(ctx: SqliteContext): Sync<DeletionTaskStore> {
  const get = (id: string): DeletionTaskRecord | undefined => {
    const row = ctx.get<TaskRow>('SELECT id, role_name, status, reason, create_date FROM deletion_tasks WHERE id = ?', id)
    if (!row) return undefined
    const task: DeletionTaskRecord = { id: row.id, roleName: row.role_name, status: row.status, createDate: new Date(row.create_date) }
    if (row.reason !== null) task.reason = JSON.parse(row.reason) as DeletionTaskRecord['reason']
    return task
  }
  return {
    createDeletionTask(id: string, roleName: string): DeletionTaskRecord {
      insertUnique(() => ctx.run("INSERT INTO deletion_tasks (id, role_name, status, create_date) VALUES (?, ?, 'NOT_STARTED', ?)",
        id, roleName, isoDate()), `Deletion task ${id} already exists.`, 'deletion-task')
      return get(id) as DeletionTaskRecord
    },
    getDeletionTask: get,
    updateDeletionTask(id: string, status: DeletionTaskStatus, reason?: DeletionTaskRecord['reason']): void {
      const res = ctx.run('UPDATE deletion_tasks SET status = ?, reason = ? WHERE id = ?', status, reason === undefined ? undefined : JSON.stringify(reason), id)
      if (res.changes === 0) throw new StoreError('NotFound', `Deletion task ${id} cannot be found.`, 'deletion-task')
    }
  }
}
