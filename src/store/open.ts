/**
 * Which database a server uses, chosen by `--db URL` / `WARDEN_DB_URL`: PostgreSQL for
 * `postgres://` and `postgresql://` URLs, otherwise the SQLite file in the data directory.
 */
import type { MigrationResult } from './migration.js'
import { migratePostgresDatabase, openPostgresStore, type PostgresStoreOptions } from './postgres/pg-store.js'
import { migrateSqliteDatabase, openSqliteStore, sqliteFileIn, type SqliteStoreOptions } from './sqlite/sqlite-store.js'
import type { Store } from './store.js'

export type StoreConfig =
  | ({ kind: 'sqlite' } & Partial<SqliteStoreOptions>)
  | ({ kind: 'postgres' } & PostgresStoreOptions)

/** True for a URL that selects PostgreSQL. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url)
}

/** The store a `--db` value selects; undefined or `sqlite:` means SQLite in the data directory. */
export function storeConfigFor(url: string | undefined, postgres: Omit<PostgresStoreOptions, 'url'> = {}): StoreConfig {
  if (url === undefined || url === '' || url === 'sqlite:' || url.startsWith('sqlite:')) return { kind: 'sqlite' }
  if (isPostgresUrl(url)) return { kind: 'postgres', ...postgres, url }
  throw new Error(`unsupported database URL ${redactUrl(url)}: use postgres://... or omit it for SQLite in the data directory`)
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@')
}

/** True when several servers may share the database (root credentials then live in it). */
export function isSharedStore(config: StoreConfig): boolean {
  return config.kind === 'postgres'
}

function sqliteFile(config: Partial<SqliteStoreOptions>, dataDir: string | undefined): string {
  return config.filename ?? (dataDir ? sqliteFileIn(dataDir) : ':memory:')
}

/** Opens (and migrates) the configured store; SQLite lives in `dataDir`, or in memory without one. */
export function openStore(config: StoreConfig, dataDir?: string): Promise<Store> {
  if (config.kind === 'postgres') return openPostgresStore(config)
  return openSqliteStore({ ...config, filename: sqliteFile(config, dataDir) })
}

/** Runs the configured store's migrations and nothing else. */
export async function migrateStore(config: StoreConfig, dataDir?: string): Promise<MigrationResult> {
  if (config.kind === 'postgres') return migratePostgresDatabase(config)
  return migrateSqliteDatabase(sqliteFile(config, dataDir))
}

/** Where the store is, for messages: the redacted URL or the SQLite file. */
export function describeStore(config: StoreConfig, dataDir?: string): string {
  if (config.kind === 'postgres') return `PostgreSQL ${redactUrl(config.url)}${config.schema ? ` (schema ${config.schema})` : ''}`
  return `SQLite ${sqliteFile(config, dataDir)}`
}
