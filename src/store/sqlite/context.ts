import Database from 'better-sqlite3'
import { StoreError } from '../errors.js'
import type { StoreLimits } from '../limits.js'

type Param = string | number | bigint | Uint8Array | null | undefined

/**
 * One connection plus what every operation needs: cached prepared statements, the
 * limits, the account id and the revision counter. Operations are synchronous here;
 * sqlite-store.ts makes them asynchronous and transactional.
 */
export class SqliteContext {
  private readonly statements = new Map<string, Database.Statement>()
  private cachedAccountId: string | undefined

  constructor(readonly db: Database.Database, readonly limits: StoreLimits) {}

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql)
    if (!s) {
      s = this.db.prepare(sql)
      this.statements.set(sql, s)
    }
    return s
  }

  get<T>(sql: string, ...params: Param[]): T | undefined {
    return this.stmt(sql).get(...params.map(bind)) as T | undefined
  }

  all<T>(sql: string, ...params: Param[]): T[] {
    return this.stmt(sql).all(...params.map(bind)) as T[]
  }

  run(sql: string, ...params: Param[]): Database.RunResult {
    return this.stmt(sql).run(...params.map(bind))
  }

  /** The account id; NotFound before the account exists. */
  accountId(): string {
    if (this.cachedAccountId === undefined) {
      const row = this.get<{ id: string }>('SELECT id FROM account WHERE singleton = 1')
      if (!row) throw new StoreError('NotFound', 'The account has not been initialized.', 'account')
      this.cachedAccountId = row.id
    }
    return this.cachedAccountId
  }

  /** Marks a change that affects permissions (see Store.getRevision). */
  bump(): void {
    this.run("UPDATE meta SET value = value + 1 WHERE key = 'revision'")
  }

  revision(): number {
    return this.get<{ value: number }>("SELECT value FROM meta WHERE key = 'revision'")?.value ?? 0
  }
}

function bind(p: Param): string | number | bigint | Buffer | null {
  if (p === undefined || p === null) return null
  if (p instanceof Uint8Array && !Buffer.isBuffer(p)) return Buffer.from(p.buffer, p.byteOffset, p.byteLength)
  return p as string | number | bigint | Buffer
}

/** True when `err` is SQLite refusing a row because a UNIQUE or PRIMARY KEY index already holds its key. */
export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Database.SqliteError && (err.code === 'SQLITE_CONSTRAINT_UNIQUE' || err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
}

/** The StoreError for a driver error; StoreErrors and non-driver errors pass through. */
export function toStoreError(err: unknown): unknown {
  if (!(err instanceof Database.SqliteError)) {
    if (err instanceof TypeError && /database connection is not open/.test(err.message)) {
      return new StoreError('Unavailable', 'the store is closed', undefined, { cause: err })
    }
    return err
  }
  if (err.code.startsWith('SQLITE_CONSTRAINT_FOREIGNKEY')) {
    return new StoreError('Conflict', 'Cannot delete entity, it is still referenced.', undefined, { cause: err })
  }
  if (isUniqueViolation(err)) {
    return new StoreError('AlreadyExists', 'The entity already exists.', undefined, { cause: err })
  }
  if (err.code.startsWith('SQLITE_BUSY') || err.code.startsWith('SQLITE_LOCKED')) {
    return new StoreError('Unavailable', 'the database is busy, try again', undefined, { cause: err })
  }
  return new StoreError('Unavailable', `storage failure (${err.code})`, undefined, { cause: err })
}

/** Runs an insert, turning a unique-index violation into AlreadyExists with AWS's message. */
export function insertUnique<T>(fn: () => T, message: string, entity: StoreError['entity']): T {
  try {
    return fn()
  } catch (err) {
    if (isUniqueViolation(err)) throw new StoreError('AlreadyExists', message, entity, { cause: err })
    throw err
  }
}

/** ISO 8601 text for a Date (and for now); InvalidInput for an invalid Date. */
export function isoDate(d: Date = new Date()): string {
  if (Number.isNaN(d.getTime())) throw new StoreError('InvalidInput', 'The date is not valid.')
  return d.toISOString()
}

/** A Date from stored text, or undefined for NULL. */
export function optDate(s: string | null): Date | undefined {
  return s === null ? undefined : new Date(s)
}

/** SQL and parameters for the keyset condition `expr > after`, or nothing on the first page (so SQLite seeks, never skips). */
export function afterKey(expr: string, after: string | number | undefined): { sql: string; params: (string | number)[] } {
  return after === undefined ? { sql: '', params: [] } : { sql: ` AND ${expr} > ?`, params: [after] }
}

/** SQL and parameters for an optional path prefix filter on `column`. */
export function pathFilter(column: string, prefix: string | undefined): { sql: string; params: string[] } {
  if (prefix === undefined || prefix === '' || prefix === '/') return { sql: '', params: [] }
  return { sql: ` AND substr(${column}, 1, length(?)) = ?`, params: [prefix, prefix] }
}
