import {
  ACCOUNT_COLUMNS, CREDENTIAL_REPORT_SQL, INIT_ROOT_CREDENTIALS_SQL, PUT_CREDENTIAL_REPORT_SQL, ROOT_CREDENTIALS_SQL, TASK_COLUMNS,
  accountRecord as toAccount, credentialReportRecord, rootCredentialsRecord, taskRecord,
  type AccountRow, type CredentialReportRow, type RootRow, type TaskRow
} from '../records.js'
import { ALREADY_EXISTS, accountMismatch, accountNotInitialized, taskNotFound } from '../rules.js'
import type { AccountStore, DeletionTaskStore } from '../store.js'
import { ENTITY_COUNTS_SQL, entityCounts, type EntityCountsRow } from '../queries.js'
import type { AccountRecord, CredentialReportRecord, EntityCounts, DeletionTaskRecord, DeletionTaskStatus, PasswordPolicy, RootCredentialsRecord } from '../types.js'
import { insertUnique, isoDate, type SqliteContext } from './context.js'
import type { Sync } from './sync.js'

/** AccountStore over SQLite. */
export function accountOps(ctx: SqliteContext): Sync<AccountStore> {
  const get = (): AccountRow | undefined => ctx.get<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM account WHERE singleton = 1`)
  const require = (): AccountRow => {
    const row = get()
    if (!row) throw accountNotInitialized()
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
        if (row.id !== id) throw accountMismatch(row.id, id)
        return toAccount(row)
      }
      ctx.run('INSERT INTO account (singleton, id, create_date) VALUES (1, ?, ?)', id, isoDate())
      return toAccount(require())
    },
    setAccountAlias(alias: string | undefined): void {
      require()
      ctx.run('UPDATE account SET alias = ? WHERE singleton = 1', alias)
    },
    getEntityCounts(): EntityCounts {
      return entityCounts(ctx.get<EntityCountsRow>(ENTITY_COUNTS_SQL)!)
    },
    setPasswordPolicy(policy: PasswordPolicy | undefined): void {
      require()
      ctx.run('UPDATE account SET password_policy = ? WHERE singleton = 1', policy === undefined ? undefined : JSON.stringify(policy))
    },
    getRootCredentials(): RootCredentialsRecord | undefined {
      return rootCredentialsRecord(ctx.get<RootRow>(ROOT_CREDENTIALS_SQL))
    },
    initRootCredentials(credentials: RootCredentialsRecord): RootCredentialsRecord {
      require()
      ctx.run(INIT_ROOT_CREDENTIALS_SQL, credentials.accessKeyId, credentials.sealedSecret)
      return rootCredentialsRecord(ctx.get<RootRow>(ROOT_CREDENTIALS_SQL)) as RootCredentialsRecord
    },
    getCredentialReport(): CredentialReportRecord | undefined {
      return credentialReportRecord(ctx.get<CredentialReportRow>(CREDENTIAL_REPORT_SQL))
    },
    putCredentialReport(report: CredentialReportRecord): void {
      require()
      ctx.run(PUT_CREDENTIAL_REPORT_SQL, isoDate(report.requestedAt), report.generatedAt && isoDate(report.generatedAt), report.content)
    }
  }
}

/** DeletionTaskStore over SQLite. */
export function deletionTaskOps(ctx: SqliteContext): Sync<DeletionTaskStore> {
  const get = (id: string): DeletionTaskRecord | undefined => {
    const row = ctx.get<TaskRow>(`SELECT ${TASK_COLUMNS} FROM deletion_tasks WHERE id = ?`, id)
    return row && taskRecord(row)
  }
  return {
    createDeletionTask(id: string, roleName: string): DeletionTaskRecord {
      insertUnique(() => ctx.run("INSERT INTO deletion_tasks (id, role_name, status, create_date) VALUES (?, ?, 'NOT_STARTED', ?)",
        id, roleName, isoDate()), ALREADY_EXISTS['deletion-task'](id), 'deletion-task')
      return get(id) as DeletionTaskRecord
    },
    getDeletionTask: get,
    updateDeletionTask(id: string, status: DeletionTaskStatus, reason?: DeletionTaskRecord['reason']): void {
      const res = ctx.run('UPDATE deletion_tasks SET status = ?, reason = ? WHERE id = ?', status, reason === undefined ? undefined : JSON.stringify(reason), id)
      if (res.changes === 0) throw taskNotFound(id)
    }
  }
}
