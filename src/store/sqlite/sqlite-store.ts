import { join } from 'node:path'
import Database from 'better-sqlite3'
import { StoreError } from '../errors.js'
import { resolveLimits, type StoreLimits } from '../limits.js'
import type { MigrationResult } from '../migration.js'
import { isReadOperation } from '../operation-kind.js'
import { RESET_ORDER } from '../rules.js'
import type { Store } from '../store.js'
import { accessKeyOps } from './access-keys.js'
import { accountOps, deletionTaskOps } from './account.js'
import { attachmentOps } from './attachments.js'
import { SqliteContext, toStoreError } from './context.js'
import { Gate } from '../gate.js'
import { MisuseGuard } from '../misuse-guard.js'
import { Checkpointer } from './checkpointer.js'
import { GroupCommit } from './group-commit.js'
import { groupOps } from './groups.js'
import { inlinePolicyOps } from './inline-policies.js'
import { instanceProfileOps } from './instance-profiles.js'
import { loginProfileOps } from './login-profiles.js'
import { mfaDeviceOps } from './mfa-devices.js'
import { migrate } from './migrate.js'
import { oidcProviderOps } from './oidc-providers.js'
import { outboundFederationOps } from './outbound-federation.js'
import { delegationRequestOps } from './delegation-requests.js'
import { policyOps } from './policies.js'
import { principalPolicyOps } from './principal-policies.js'
import { roleOps } from './roles.js'
import { samlProviderOps } from './saml-providers.js'
import { serverCertificateOps } from './server-certificates.js'
import { serviceAccessOps } from './service-access.js'
import type { Sync } from './sync.js'
import { userCredentialOps } from './user-credentials.js'
import { userOps } from './users.js'

/** The database file Warden keeps in its data directory. */
export const SQLITE_FILE_NAME = 'warden.db'

export interface SqliteStoreOptions {
  /** Path of the database file, or ':memory:' (tests). */
  filename: string
  limits?: Partial<StoreLimits>
  /**
   * FULL (default): a write resolves only once its WAL frames are fsynced, so nothing
   * acknowledged is lost even on power loss (done by group commit, see group-commit.ts,
   * not by SQLite's own FULL mode, which would block the event loop on every fsync).
   * NORMAL survives process crashes (kill -9) but may lose the last commits on an OS
   * crash or power loss, for no fsyncs outside checkpoints.
   */
  synchronous?: 'FULL' | 'NORMAL'
  /** How long a writer waits for another connection's write lock, ms (default 5000). */
  busyTimeoutMs?: number
}

/** The database file path inside a data directory. */
export function sqliteFileIn(dataDir: string): string {
  return join(dataDir, SQLITE_FILE_NAME)
}

type Ops = Sync<Omit<Store, 'transaction' | 'getRevision' | 'reset' | 'close'>>

/**
 * Reads that are one SELECT (their record mappers read nothing more): a statement is atomic
 * on its own, so these skip BEGIN/COMMIT, a third of a cached read's cost on the hot paths
 * (the revision, the role of GetRole/AssumeRole, the user of GetUser).
 */
const SINGLE_STATEMENT_READS = new Set(['getRevision', 'getRole', 'getUser', 'getGroup', 'getEntityCounts'])

/** Runs the SQLite migrations alone (`warden migrate`). */
export function migrateSqliteDatabase(filename: string): MigrationResult {
  let db: Database.Database | undefined
  try {
    db = new Database(filename)
    db.pragma('journal_mode = WAL')
    return migrate(db)
  } catch (err) {
    throw toStoreError(err)
  } finally {
    db?.close()
  }
}

/**
 * Opens (creating and migrating as needed) a SQLite store: WAL journal, foreign keys on,
 * writes durable before they resolve unless told otherwise, a busy timeout for other
 * connections' writes.
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  let db: Database.Database
  try {
    db = new Database(options.filename)
  } catch (err) {
    throw new StoreError('Unavailable', `cannot open database ${options.filename}: ${(err as Error).message}`, undefined, { cause: err })
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`)
    db.pragma('journal_mode = WAL')
    // NORMAL in SQLite's terms either way: FULL durability comes from GroupCommit.
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    // SQLite's default page cache is 2 MiB: past some tens of thousands of roles every B-tree
    // descent and random index insert re-reads pages through pread. 64 MiB (filled only as
    // pages are used): CreateRole+GetRole on ~50k roles, two interleaved pairs, +8-10% req/s,
    // p99 7.2/5.7 -> 6.2/5.5 ms.
    db.pragma('cache_size = -65536')
    migrate(db)
  } catch (err) {
    db.close()
    throw toStoreError(err)
  }
  const inMemory = options.filename === ':memory:' || options.filename === ''
  const commit = options.synchronous === 'NORMAL' || inMemory ? undefined : new GroupCommit(`${db.name}-wal`)
  // Migrations committed without an fsync; make them durable before anything relies on them.
  await commit?.sync()
  const checkpoints = inMemory ? undefined : new Checkpointer(db)
  return new SqliteStore(db, resolveLimits(options.limits), commit, checkpoints).build()
}

class SqliteStore {
  private readonly ctx: SqliteContext
  private readonly ops: Ops
  private readonly gate = new Gate()
  private readonly inTransaction = new MisuseGuard()
  private closed = false
  // One transaction function for every operation: better-sqlite3's db.transaction() costs
  // about as much to create as a whole indexed read, so it is made once, not per call.
  private readonly call: Database.Transaction<(fn: () => unknown) => unknown>

  constructor(
    private readonly db: Database.Database,
    limits: StoreLimits,
    private readonly commit: GroupCommit | undefined,
    private readonly checkpoints: Checkpointer | undefined
  ) {
    this.ctx = new SqliteContext(db, limits)
    this.call = db.transaction((fn: () => unknown) => fn())
    const ctx = this.ctx
    this.ops = {
      ...accountOps(ctx), ...userOps(ctx), ...groupOps(ctx), ...roleOps(ctx), ...policyOps(ctx), ...attachmentOps(ctx),
      ...inlinePolicyOps(ctx), ...accessKeyOps(ctx), ...instanceProfileOps(ctx), ...deletionTaskOps(ctx), ...principalPolicyOps(ctx),
      ...loginProfileOps(ctx), ...mfaDeviceOps(ctx), ...userCredentialOps(ctx),
      ...oidcProviderOps(ctx), ...samlProviderOps(ctx),
      ...outboundFederationOps(ctx),
      ...serverCertificateOps(ctx),
      ...serviceAccessOps(ctx),
      ...delegationRequestOps(ctx)
    }
  }

  /** The public Store: every operation queued behind running transactions. */
  build(): Store {
    const store = this.wrap((name, fn) => this.runStandalone(name, fn)) as Store
    store.transaction = (fn) => this.transaction(fn)
    store.getRevision = () => this.runStandalone('getRevision', () => this.ctx.revision())
    store.reset = () => this.runStandalone('reset', () => this.resetSync())
    store.close = () => this.close()
    return store
  }

  /** An object with every operation, each run through `run`. */
  private wrap(run: <R>(name: string, fn: () => R) => Promise<R>): Partial<Store> {
    const out: Record<string, unknown> = {}
    for (const [name, op] of Object.entries(this.ops) as [string, (...a: unknown[]) => unknown][]) {
      out[name] = (...args: unknown[]) => run(name, () => op(...args))
    }
    return out as Partial<Store>
  }

  /** Runs one operation in its own transaction: IMMEDIATE for writes, DEFERRED (one snapshot) for reads. */
  private runSync<R>(name: string, fn: () => R): R {
    if (this.closed) throw new StoreError('Unavailable', 'the store is closed')
    try {
      if (SINGLE_STATEMENT_READS.has(name)) return fn()
      return (isReadOperation(name) ? this.call.deferred(fn) : this.call.immediate(fn)) as R
    } catch (err) {
      throw toStoreError(err)
    }
  }

  private async runStandalone<R>(name: string, fn: () => R): Promise<R> {
    if (this.inTransaction.insideTransaction) {
      throw new Error(`store.${name}() called inside transaction(): use the transaction's own store argument`)
    }
    const write = !isReadOperation(name)
    if (this.commit && write) return this.queueWrite(fn)
    let result: R
    if (!this.gate.busy) result = this.runSync(name, fn)
    else {
      await this.gate.acquire()
      try {
        result = this.runSync(name, fn)
      } finally {
        this.gate.release()
      }
    }
    if (write) this.checkpoints?.committed()
    return result
  }

  /**
   * Writes are queued and run together at the end of the next event-loop turn, each in a
   * savepoint of one transaction (one BEGIN/COMMIT, one set of WAL frames and locks for all),
   * then resolved once that commit is durable. A failing write rolls back its own savepoint
   * only. The write lock is held only while the batch runs, never across turns.
   */
  private queueWrite<R>(fn: () => R): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const n = this.writes.push({ fn, resolve: resolve as (v: unknown) => void, reject })
      if (n === 1) setImmediate(this.flushNextTurn)
    })
  }

  private writes: { fn: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = []

  /**
   * The writes asked for in one turn wait for the end of the next, so two turns' writes
   * share one commit and one fsync. Under load a commit costs ~150-200 us of CPU (WAL page
   * writes, file locks, the fdatasync with its thread hand-off and interrupt), shared by
   * twice the writes: CreateRole+GetRole under wrk, four interleaved 8 s pairs, 10.6-11.5k
   * -> 11.9-12.3k req/s with p99 unchanged. Idle, the extra turn is an empty loop iteration.
   */
  private readonly flushNextTurn = (): void => {
    setImmediate(() => void this.flushWrites())
  }

  private async flushWrites(): Promise<void> {
    if (this.writes.length === 0) return
    if (this.gate.busy) await this.gate.acquire()
    else void this.gate.acquire()
    const batch = this.writes
    this.writes = []
    if (batch.length === 0) return this.gate.release()
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = []
    try {
      if (this.closed) throw new StoreError('Unavailable', 'the store is closed')
      this.call.immediate(() => {
        for (const w of batch) {
          try {
            // Nested in the open transaction, better-sqlite3 runs it as a savepoint.
            outcomes.push({ ok: true, value: this.call(w.fn) })
          } catch (err) {
            outcomes.push({ ok: false, error: toStoreError(err) })
          }
        }
      })
      this.checkpoints?.committed()
    } catch (err) {
      // BEGIN or COMMIT failed: nothing of the batch is stored.
      const error = toStoreError(err)
      for (const w of batch) w.reject(error)
      return
    } finally {
      this.gate.release()
    }
    // A write that failed changed nothing: its caller need not wait for the sync.
    batch.forEach((w, i) => {
      const o = outcomes[i]!
      if (!o.ok) w.reject(o.error)
    })
    let synced: unknown
    try {
      // This commit holds every queued write: its sync need not wait to be shared.
      await this.durable(true)
    } catch (err) {
      synced = err
    }
    batch.forEach((w, i) => {
      const o = outcomes[i]!
      if (!o.ok) return
      if (synced !== undefined) w.reject(synced)
      else w.resolve(o.value)
    })
  }

  /** Waits until every commit so far is on disk (group commit); a failed sync is Unavailable. `now`: see GroupCommit.sync. */
  private async durable(now = false): Promise<void> {
    try {
      await this.commit!.sync(now)
    } catch (err) {
      throw new StoreError('Unavailable', `storage failure (sync: ${(err as Error).message})`, undefined, { cause: err })
    }
  }

  private async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.inTransaction.insideTransaction) {
      throw new Error('store.transaction() called inside transaction(): use the transaction\'s own store argument')
    }
    let result: T
    await this.gate.acquire()
    try {
      if (this.closed) throw new StoreError('Unavailable', 'the store is closed')
      this.exec('BEGIN IMMEDIATE')
      const handle = this.txHandle()
      try {
        result = await this.inTransaction.run(() => fn(handle.store))
      } catch (err) {
        handle.finish()
        this.rollback('ROLLBACK')
        throw err
      }
      handle.finish()
      try {
        this.exec('COMMIT')
      } catch (err) {
        this.rollback('ROLLBACK')
        throw err
      }
      this.checkpoints?.committed()
    } finally {
      this.gate.release()
    }
    // Outside the gate: the next transaction runs while this one's fsync is in flight.
    if (this.commit) await this.durable()
    return result
  }

  /** The Store handed to a transaction's callback: operations run directly inside it, each as a savepoint. */
  private txHandle(): { store: Store; finish: () => void } {
    let open = true
    let depth = 0
    const guard = <R>(name: string, fn: () => R): R => {
      if (!open) throw new Error(`store.${name}() called on a transaction that has already finished`)
      return this.runSync(name, fn)
    }
    const store = this.wrap(async (name, fn) => guard(name, fn)) as Store
    store.getRevision = async () => guard('getRevision', () => this.ctx.revision())
    store.reset = async () => guard('reset', () => this.resetSync())
    store.close = async () => {
      throw new Error('close() cannot be called inside a transaction')
    }
    store.transaction = async <T>(inner: (tx: Store) => Promise<T>): Promise<T> => {
      if (!open) throw new Error('transaction() called on a transaction that has already finished')
      const name = `warden_sp_${++depth}`
      this.exec(`SAVEPOINT ${name}`)
      try {
        const result = await inner(store)
        this.exec(`RELEASE ${name}`)
        return result
      } catch (err) {
        this.rollback(`ROLLBACK TO ${name}`)
        this.exec(`RELEASE ${name}`)
        throw err
      } finally {
        depth--
      }
    }
    return { store, finish: () => { open = false } }
  }

  private exec(sql: string): void {
    try {
      this.db.exec(sql)
    } catch (err) {
      throw toStoreError(err)
    }
  }

  // A failed rollback means SQLite already rolled back (e.g. after an I/O error); the
  // original error is the one worth reporting.
  private rollback(sql: string): void {
    try {
      if (this.db.inTransaction) this.db.exec(sql)
    } catch {
      // see above
    }
  }

  private resetSync(): void {
    for (const table of RESET_ORDER) this.ctx.run(`DELETE FROM ${table}`)
    this.ctx.run('UPDATE account SET alias = NULL, password_policy = NULL')
    this.ctx.bump()
  }

  private async close(): Promise<void> {
    if (this.closed) return
    // Writes already asked for are run and made durable before the connection closes.
    while (this.writes.length > 0) await this.flushWrites()
    await this.gate.acquire()
    try {
      if (this.closed) return
      this.closed = true
      // Writes queued while it was closing fail (never left hanging).
      for (const w of this.writes.splice(0)) w.reject(new StoreError('Unavailable', 'the store is closed'))
      // The checkpointer's connection closes first, so this one is the last and its close
      // checkpoints the WAL into the database file.
      await this.checkpoints?.close()
      this.db.close()
      this.commit?.close()
    } finally {
      this.gate.release()
    }
  }
}
