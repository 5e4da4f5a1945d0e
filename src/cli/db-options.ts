/** The database options `serve` and `migrate` share, from flags or the environment. */
import { storeConfigFor, type StoreConfig } from '../store/index.js'

/** parseArgs option specs for the database flags. */
export const DB_OPTIONS = {
  db: { type: 'string' },
  'db-schema': { type: 'string' },
  'db-pool-size': { type: 'string' },
  'db-statement-timeout-ms': { type: 'string' }
} as const

export const DB_HELP = `  --db URL        PostgreSQL instead of SQLite: postgres://user[:password]@host:5432/database
                  (also WARDEN_DB_URL); several servers may share one database
  --db-schema NAME              PostgreSQL schema for Warden's tables (WARDEN_DB_SCHEMA; default public)
  --db-pool-size N              PostgreSQL connections per server (WARDEN_DB_POOL_SIZE; default 10)
  --db-statement-timeout-ms MS  PostgreSQL statement timeout (WARDEN_DB_STATEMENT_TIMEOUT_MS; default 5000)`

type DbArgs = { db?: string; 'db-schema'?: string; 'db-pool-size'?: string; 'db-statement-timeout-ms'?: string }

function positiveInt(name: string, text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, got "${text}"`)
  return n
}

/** The store the flags and environment select; throws with a usage message on bad values. */
export function storeConfigFromArgs(args: DbArgs, env: NodeJS.ProcessEnv): StoreConfig {
  const url = args.db ?? env.WARDEN_DB_URL
  const schema = args['db-schema'] ?? env.WARDEN_DB_SCHEMA
  const poolSize = positiveInt('--db-pool-size', args['db-pool-size'] ?? env.WARDEN_DB_POOL_SIZE)
  const statementTimeoutMs = positiveInt('--db-statement-timeout-ms', args['db-statement-timeout-ms'] ?? env.WARDEN_DB_STATEMENT_TIMEOUT_MS)
  return storeConfigFor(url || undefined, {
    ...(schema ? { schema } : {}),
    ...(poolSize !== undefined ? { poolSize } : {}),
    ...(statementTimeoutMs !== undefined ? { statementTimeoutMs } : {})
  })
}

/** An error for the terminal: the store's message plus the driver's cause, which names what failed (host, port, auth). */
export function errorText(e: unknown): string {
  const err = e as Error & { cause?: unknown }
  const cause = err.cause instanceof Error && err.cause.message !== err.message ? ` (${err.cause.message})` : ''
  return `${err.message}${cause}`
}
