import pg from 'pg'
import { StoreError } from '../errors.js'
import { Gate } from '../gate.js'
import { MisuseGuard } from '../misuse-guard.js'
import { resolveLimits, type StoreLimits } from '../limits.js'
import type { MigrationResult } from '../migration.js'
import { isReadOperation } from '../operation-kind.js'
import { RESET_ORDER } from '../rules.js'
import type { Store } from '../store.js'
import { accessKeyOps } from './access-keys.js'
import { accountOps, deletionTaskOps } from './account.js'
import { attachmentOps } from './attachments.js'
import { isConnectionError, isRetryable, toStoreError } from './errors.js'
import { groupOps } from './groups.js'
import { inlinePolicyOps } from './inline-policies.js'
import { instanceProfileOps } from './instance-profiles.js'
import { loginProfileOps } from './login-profiles.js'
import { mfaDeviceOps } from './mfa-devices.js'
import { migratePostgres } from './migrate.js'
import { oidcProviderOps } from './oidc-providers.js'
import { outboundFederationOps } from './outbound-federation.js'
import { delegationRequestOps } from './delegation-requests.js'
import type { WithSession } from './ops.js'
import { policyOps } from './policies.js'
import { principalPolicyOps } from './principal-policies.js'
import { roleOps } from './roles.js'
import { samlProviderOps } from './saml-providers.js'
import { serverCertificateOps } from './server-certificates.js'
import { serviceAccessOps } from './service-access.js'
import { BUMP_REVISION, PgSession, READ_REVISION, type StoreShared } from './session.js'
import { userCredentialOps } from './user-credentials.js'
import { userOps } from './users.js'

export interface PostgresStoreOptions {
  /** Connection URL, `postgres://user@host:5432/database` (libpq-style parameters allowed). */
  url: string
  /** Schema to keep Warden's tables in (created if missing); default: the connection's search_path, normally `public`. */
  schema?: string
  /** Connections in this replica's pool (default 10). */
  poolSize?: number
  /** Server-side limit per statement, ms (default 5000); a statement past it fails Unavailable. */
  statementTimeoutMs?: number
  /** How long to wait for a connection (new, or free in the pool), ms (default 5000). */
  connectTimeoutMs?: number
  limits?: Partial<StoreLimits>
}

type Ops = WithSession<Omit<Store, 'transaction' | 'getRevision' | 'reset' | 'close'>>
type Run = <R>(name: string, fn: (s: PgSession) => Promise<R>) => Promise<R>

// Reads that are one statement (the account id is read once per store and cached): they
// need no transaction. Multi-statement reads run in a REPEATABLE READ transaction so they
// see one snapshot, as SQLite's deferred read transactions do.
const SINGLE_STATEMENT_READS = new Set([
  'getAccount', 'getRootCredentials', 'getUser', 'getUserById', 'getGroup', 'getRole', 'getRoleById', 'getPolicy', 'getInlinePolicy',
  'getAccessKey', 'getDeletionTask', 'listUsers', 'listGroups', 'listRoles', 'listPolicies', 'listAwsPolicyUsage', 'getRevision',
  'loadPrincipalPolicies', 'getOidcProvider', 'listOidcProviders', 'getSamlProvider', 'listSamlProviders',
  'listServiceAccess', 'getServiceLastAccessedJob', 'getGlobalEndpointTokenVersion',
  'getDelegationRequest', 'listDelegationRequests', 'getEntityCounts'
])

// A standalone operation that loses a serialization or deadlock race is rolled back whole,
// so running it again is safe.
const ATTEMPTS = 3

const INT8_OID = 20

/** The pg pool configuration for these options (one pool per store, so per replica). */
export function poolConfig(options: PostgresStoreOptions, max = options.poolSize ?? 10): pg.PoolConfig {
  const statementTimeout = Math.max(1, Math.trunc(options.statementTimeoutMs ?? 5000))
  return {
    connectionString: options.url,
    max,
    statement_timeout: statementTimeout,
    // A connection that stops answering (network cut, not a refusal) must fail, not hang.
    query_timeout: statementTimeout + 2000,
    connectionTimeoutMillis: Math.max(1, Math.trunc(options.connectTimeoutMs ?? 5000)),
    idle_in_transaction_session_timeout: Math.max(60_000, statementTimeout * 4),
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: 'warden',
    ...(options.schema === undefined ? {} : { options: `-c search_path=${quoteOption(options.schema)}` }),
    // Counters are bigint; revisions and counts fit a double for any realistic lifetime.
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'] }
  }
}

function quoteOption(schema: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_$]*$/.test(schema)) throw new StoreError('InvalidInput', `schema name ${schema} is not a plain identifier`)
  return schema
}

/**
 * Runs the PostgreSQL migrations alone (`warden migrate`, and every store's open). Its own
 * connection has no statement timeout: a long step (an index on a big table) must finish,
 * and a replica waiting for another's migration to release the lock must keep waiting.
 */
export async function migratePostgresDatabase(options: PostgresStoreOptions): Promise<MigrationResult> {
  const { statement_timeout: _s, query_timeout: _q, ...config } = poolConfig(options, 1)
  const client = new pg.Client(config)
  client.on('error', () => undefined)
  try {
    await client.connect()
  } catch (err) {
    throw toStoreError(err)
  }
  try {
    return await migratePostgres(client, options.schema)
  } finally {
    await client.end().catch(() => undefined)
  }
}

/**
 * Opens a PostgreSQL store: a connection pool for this replica, the schema migrated
 * under an advisory lock. Writes run in READ COMMITTED transactions that lock the rows
 * their checks depend on; multi-statement reads in REPEATABLE READ READ ONLY ones.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  await migratePostgresDatabase(options)
  return new PgStore(newPool(poolConfig(options)), resolveLimits(options.limits)).build()
}

function newPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config)
  // An idle connection dropped by the server (restart, failover) is discarded by the pool;
  // without a listener Node would treat the event as an uncaught error.
  pool.on('error', () => undefined)
  return pool
}

const listening = new WeakSet<pg.PoolClient>()

/** A client from the pool; Unavailable when the database cannot be reached. */
async function connect(pool: pg.Pool): Promise<pg.PoolClient> {
  let client: pg.PoolClient
  try {
    client = await pool.connect()
  } catch (err) {
    throw toStoreError(err)
  }
  // A checked-out client whose connection dies emits 'error' besides failing its query;
  // the query's rejection is what we act on.
  if (!listening.has(client)) {
    client.on('error', () => undefined)
    listening.add(client)
  }
  return client
}

class PgStore {
  private readonly shared: StoreShared
  private readonly ops: Ops
  private readonly inTransaction = new MisuseGuard()
  private closed = false
  private running = 0
  private drained: (() => void) | undefined

  constructor(private readonly pool: pg.Pool, limits: StoreLimits) {
    this.shared = { limits }
    this.ops = {
      ...accountOps, ...userOps, ...groupOps, ...roleOps, ...policyOps, ...attachmentOps,
      ...inlinePolicyOps, ...accessKeyOps, ...instanceProfileOps, ...deletionTaskOps, ...principalPolicyOps,
      ...loginProfileOps, ...mfaDeviceOps, ...userCredentialOps,
      ...oidcProviderOps, ...samlProviderOps,
      ...outboundFederationOps,
      ...serverCertificateOps,
      ...serviceAccessOps,
      ...delegationRequestOps
    }
  }

  /** The public Store: every operation on a pooled connection in its own transaction. */
  build(): Store {
    const store = this.wrap((name, fn) => this.runStandalone(name, fn)) as Store
    store.transaction = (fn) => this.transaction(fn)
    store.getRevision = () => this.runStandalone('getRevision', readRevision)
    store.reset = () => this.runStandalone('reset', resetAll)
    store.close = () => this.close()
    return store
  }

  /** An object with every operation, each run through `run`. */
  private wrap(run: Run): Partial<Store> {
    const out: Record<string, unknown> = {}
    for (const [name, op] of Object.entries(this.ops) as [string, (s: PgSession, ...a: unknown[]) => Promise<unknown>][]) {
      out[name] = (...args: unknown[]) => run(name, (s) => op(s, ...args))
    }
    return out as Partial<Store>
  }

  private enter(what: string): void {
    if (this.inTransaction.insideTransaction) {
      throw new Error(`store.${what}() called inside transaction(): use the transaction's own store argument`)
    }
    if (this.closed) throw new StoreError('Unavailable', 'the store is closed')
    this.running++
  }

  private leave(): void {
    this.running--
    if (this.running === 0) this.drained?.()
  }

  private async runStandalone<R>(name: string, fn: (s: PgSession) => Promise<R>): Promise<R> {
    this.enter(name)
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.runOnce(name, fn)
        } catch (err) {
          if (attempt >= ATTEMPTS || !isRetryable(err)) throw err
        }
      }
    } finally {
      this.leave()
    }
  }

  private async runOnce<R>(name: string, fn: (s: PgSession) => Promise<R>): Promise<R> {
    const client = await connect(this.pool)
    const s = new PgSession(client, this.shared)
    let broken: Error | undefined
    try {
      if (SINGLE_STATEMENT_READS.has(name)) return await fn(s)
      await exec(client, isReadOperation(name) ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN')
      try {
        const result = await fn(s)
        await commit(s)
        return result
      } catch (err) {
        broken = await rollback(client, 'ROLLBACK')
        throw err
      }
    } catch (err) {
      if (isConnectionError(err)) broken = err as Error
      throw toStoreError(err)
    } finally {
      client.release(broken)
    }
  }

  private async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    this.enter('transaction')
    let client: pg.PoolClient | undefined
    let broken: Error | undefined
    try {
      client = await connect(this.pool)
      const s = new PgSession(client, this.shared)
      await exec(client, 'BEGIN')
      const handle = this.txHandle(s)
      let result: T
      try {
        result = await this.inTransaction.run(() => fn(handle.store))
        handle.finish()
        await commit(s)
      } catch (err) {
        handle.finish()
        broken = await rollback(client, 'ROLLBACK')
        throw err
      }
      return result
    } catch (err) {
      if (isConnectionError(err)) broken = err as Error
      throw toStoreError(err)
    } finally {
      client?.release(broken)
      this.leave()
    }
  }

  /**
   * The Store handed to a transaction's callback: its calls run one at a time on the
   * transaction's connection, each inside a savepoint so a failing one undoes only itself.
   */
  private txHandle(s: PgSession): { store: Store; finish: () => void } {
    let open = true
    let depth = 0
    const gate = new Gate()
    const check = (what: string) => {
      if (!open) throw new Error(`store.${what}() called on a transaction that has already finished`)
    }
    // Runs `body` between SAVEPOINT and RELEASE; on failure rolls back to the savepoint and
    // forgets any revision bump made inside it.
    const savepoint = async <R>(name: string, body: () => Promise<R>): Promise<R> => {
      const changed = s.changed
      await exec(s.client, `SAVEPOINT ${name}`)
      try {
        const result = await body()
        await exec(s.client, `RELEASE SAVEPOINT ${name}`)
        return result
      } catch (err) {
        s.changed = changed
        await exec(s.client, `ROLLBACK TO SAVEPOINT ${name}`)
        await exec(s.client, `RELEASE SAVEPOINT ${name}`)
        throw toStoreError(err)
      }
    }
    const gated = async <R>(body: () => Promise<R>): Promise<R> => {
      await gate.acquire()
      try {
        return await body()
      } finally {
        gate.release()
      }
    }
    const run: Run = async (name, fn) => {
      check(name)
      return gated(() => {
        check(name)
        return savepoint('warden_op', () => fn(s))
      })
    }
    const store = this.wrap(run) as Store
    store.getRevision = () => run('getRevision', readRevision)
    store.reset = () => run('reset', resetAll)
    store.close = async () => {
      throw new Error('close() cannot be called inside a transaction')
    }
    store.transaction = async <T>(inner: (tx: Store) => Promise<T>): Promise<T> => {
      check('transaction')
      // Only the savepoint statements take the gate: the inner callback's calls need it too.
      const name = `warden_sp_${++depth}`
      const changed = s.changed
      try {
        await gated(() => exec(s.client, `SAVEPOINT ${name}`))
        let result: T
        try {
          result = await inner(store)
        } catch (err) {
          s.changed = changed
          await gated(async () => {
            await exec(s.client, `ROLLBACK TO SAVEPOINT ${name}`)
            await exec(s.client, `RELEASE SAVEPOINT ${name}`)
          })
          throw err
        }
        await gated(() => exec(s.client, `RELEASE SAVEPOINT ${name}`))
        return result
      } finally {
        depth--
      }
    }
    return { store, finish: () => { open = false } }
  }

  private async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    if (this.running > 0) await new Promise<void>((resolve) => { this.drained = resolve })
    await this.pool.end()
  }
}

async function readRevision(s: PgSession): Promise<number> {
  return Number((await s.get<{ value: number }>(READ_REVISION))?.value ?? 0)
}

async function resetAll(s: PgSession): Promise<void> {
  for (const table of RESET_ORDER) await s.run(`DELETE FROM ${table}`)
  await s.run('UPDATE account SET alias = NULL, password_policy = NULL')
  s.bump()
}

/**
 * Bumps the revision if the transaction changed permissions, then commits: one round trip
 * (a parameterless multi-statement query; if the update fails, COMMIT does not run and the
 * caller rolls back).
 */
async function commit(s: PgSession): Promise<void> {
  await exec(s.client, s.changed ? `${BUMP_REVISION}; COMMIT` : 'COMMIT')
}

async function exec(client: pg.PoolClient, sql: string): Promise<void> {
  try {
    await client.query(sql)
  } catch (err) {
    throw toStoreError(err)
  }
}

/** Rolls back; returns the error when that failed too (the connection is then not reusable). */
async function rollback(client: pg.PoolClient, sql: string): Promise<Error | undefined> {
  try {
    await client.query(sql)
    return undefined
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err))
  }
}
