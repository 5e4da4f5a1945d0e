import {
  ACCOUNT_COLUMNS, CREDENTIAL_REPORT_SQL, INIT_ROOT_CREDENTIALS_SQL, PUT_CREDENTIAL_REPORT_SQL, ROOT_CREDENTIALS_SQL, TASK_COLUMNS,
  accountRecord, credentialReportRecord, rootCredentialsRecord, taskRecord,
  type AccountRow, type CredentialReportRow, type RootRow, type TaskRow
} from '../records.js'
import { ALREADY_EXISTS, accountMismatch, givenDate, accountNotInitialized, taskNotFound } from '../rules.js'
import { ENTITY_COUNTS_SQL, entityCounts, type EntityCountsRow } from '../queries.js'
import type { AccountStore, DeletionTaskStore } from '../store.js'
import type { CredentialReportRecord, DeletionTaskRecord, DeletionTaskStatus, PasswordPolicy, RootCredentialsRecord } from '../types.js'
import { insertUnique } from './errors.js'
import type { WithSession } from './ops.js'
import type { PgSession } from './session.js'

async function accountRow(s: PgSession): Promise<AccountRow | undefined> {
  return s.get<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM account WHERE singleton = 1`)
}

async function requireAccount(s: PgSession): Promise<void> {
  if (!await accountRow(s)) throw accountNotInitialized()
}

/** AccountStore over PostgreSQL. */
export const accountOps: WithSession<AccountStore> = {
  async getAccount(s) {
    const row = await accountRow(s)
    return row && accountRecord(row)
  },
  async initAccount(s, id: string) {
    // Replicas bootstrapping one database together: the first insert wins, the others read it.
    await s.run('INSERT INTO account (singleton, id, create_date) VALUES (1, ?, now()) ON CONFLICT (singleton) DO NOTHING', id)
    const row = await accountRow(s)
    if (!row) throw accountNotInitialized()
    if (row.id !== id) throw accountMismatch(row.id, id)
    return accountRecord(row)
  },
  async setAccountAlias(s, alias: string | undefined) {
    await requireAccount(s)
    await s.run('UPDATE account SET alias = ? WHERE singleton = 1', alias)
  },
  async getEntityCounts(s) {
    return entityCounts((await s.get<EntityCountsRow>(ENTITY_COUNTS_SQL))!)
  },
  async setPasswordPolicy(s, policy: PasswordPolicy | undefined) {
    await requireAccount(s)
    await s.run('UPDATE account SET password_policy = ? WHERE singleton = 1', policy === undefined ? undefined : JSON.stringify(policy))
  },
  async getRootCredentials(s) {
    return rootCredentialsRecord(await s.get<RootRow>(ROOT_CREDENTIALS_SQL))
  },
  async initRootCredentials(s, credentials: RootCredentialsRecord) {
    await requireAccount(s)
    // A second writer waits for the first's row lock, then finds the column set and changes nothing.
    await s.run(INIT_ROOT_CREDENTIALS_SQL, credentials.accessKeyId, credentials.sealedSecret)
    return rootCredentialsRecord(await s.get<RootRow>(ROOT_CREDENTIALS_SQL)) as RootCredentialsRecord
  },
  async getCredentialReport(s) {
    return credentialReportRecord(await s.get<CredentialReportRow>(CREDENTIAL_REPORT_SQL))
  },
  async putCredentialReport(s, report: CredentialReportRecord) {
    await requireAccount(s)
    await s.run(PUT_CREDENTIAL_REPORT_SQL, givenDate(report.requestedAt), givenDate(report.generatedAt), report.content)
  }
}

async function getTask(s: PgSession, id: string): Promise<DeletionTaskRecord | undefined> {
  const row = await s.get<TaskRow>(`SELECT ${TASK_COLUMNS} FROM deletion_tasks WHERE id = ?`, id)
  return row && taskRecord(row)
}

/** DeletionTaskStore over PostgreSQL. */
export const deletionTaskOps: WithSession<DeletionTaskStore> = {
  async createDeletionTask(s, id: string, roleName: string) {
    await insertUnique(() => s.run("INSERT INTO deletion_tasks (id, role_name, status, create_date) VALUES (?, ?, 'NOT_STARTED', now())",
      id, roleName), ALREADY_EXISTS['deletion-task'](id), 'deletion-task')
    return await getTask(s, id) as DeletionTaskRecord
  },
  getDeletionTask: getTask,
  async updateDeletionTask(s, id: string, status: DeletionTaskStatus, reason?: DeletionTaskRecord['reason']) {
    const n = await s.run('UPDATE deletion_tasks SET status = ?, reason = ? WHERE id = ?', status, reason === undefined ? undefined : JSON.stringify(reason), id)
    if (n === 0) throw taskNotFound(id)
  }
}
