import type { PoolClient, QueryResultRow } from 'pg'
import type { StoreLimits } from '../limits.js'
import { accountNotInitialized } from '../rules.js'
import { toStoreError } from './errors.js'

/** A query parameter as the domain code passes it; undefined binds NULL. */
export type Param = string | number | boolean | Date | Uint8Array | readonly string[] | null | undefined

/** What every session of one store shares: the limits and the account id once read. */
export interface StoreShared {
  readonly limits: StoreLimits
  accountId?: string
}

/**
 * The connection one operation (or one transaction) runs on. Domain code writes SQL with
 * `?` placeholders, as the SQLite side does; they are numbered `$1..$n` once per distinct
 * text, which is also the name the statement is prepared under on each connection.
 */
export class PgSession {
  /** Set by bump(): the transaction changes permissions, so the revision moves at commit. */
  changed = false

  constructor(
    readonly client: PoolClient,
    private readonly shared: StoreShared
  ) {}

  get limits(): StoreLimits {
    return this.shared.limits
  }

  async all<T extends QueryResultRow>(sql: string, ...params: Param[]): Promise<T[]> {
    return (await this.query<T>(sql, params)).rows
  }

  async get<T extends QueryResultRow>(sql: string, ...params: Param[]): Promise<T | undefined> {
    return (await this.query<T>(sql, params)).rows[0]
  }

  /** Runs a statement; returns the number of rows it touched. */
  async run(sql: string, ...params: Param[]): Promise<number> {
    return (await this.query(sql, params)).rowCount ?? 0
  }

  private async query<T extends QueryResultRow>(sql: string, params: Param[]) {
    const statement = prepared(sql)
    try {
      return await this.client.query<T>({ name: statement.name, text: statement.text, values: params.map(bind) })
    } catch (err) {
      throw toStoreError(err)
    }
  }

  /** The account id; NotFound before the account exists. */
  async accountId(): Promise<string> {
    if (this.shared.accountId === undefined) {
      const row = await this.get<{ id: string }>('SELECT id FROM account WHERE singleton = 1')
      if (!row) throw accountNotInitialized()
      this.shared.accountId = row.id
    }
    return this.shared.accountId
  }

  /**
   * Marks a change that affects permissions (see Store.getRevision). The counter row is
   * updated once, just before COMMIT, so every transaction takes that lock last and holds
   * it for the shortest time: writers never deadlock on it.
   */
  bump(): void {
    this.changed = true
  }
}

/** The revision counter: one row, bumped in the transaction that changes permissions. */
export const BUMP_REVISION = "UPDATE meta SET value = value + 1 WHERE key = 'revision'"
export const READ_REVISION = "SELECT value FROM meta WHERE key = 'revision'"

const statements = new Map<string, { name: string; text: string }>()

function prepared(sql: string): { name: string; text: string } {
  let s = statements.get(sql)
  if (!s) {
    let n = 0
    s = { name: `warden_${statements.size + 1}`, text: sql.replace(/\?/g, () => `$${++n}`) }
    statements.set(sql, s)
  }
  return s
}

function bind(p: Param): unknown {
  if (p === undefined) return null
  if (p instanceof Uint8Array && !Buffer.isBuffer(p)) return Buffer.from(p.buffer, p.byteOffset, p.byteLength)
  return p
}

/** SQL and parameters for the keyset condition `expr > after`, or nothing on the first page. */
export function afterKey(expr: string, after: string | number | undefined): { sql: string; params: (string | number)[] } {
  return after === undefined ? { sql: '', params: [] } : { sql: ` AND ${expr} > ?`, params: [after] }
}

/** SQL and parameters for an optional path prefix filter on `column` (case-sensitive, as IAM's). */
export function pathFilter(column: string, prefix: string | undefined): { sql: string; params: string[] } {
  if (prefix === undefined || prefix === '' || prefix === '/') return { sql: '', params: [] }
  return { sql: ` AND starts_with(${column}, ?)`, params: [prefix] }
}
