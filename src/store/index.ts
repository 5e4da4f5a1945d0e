/** The storage layer's public surface: the interface, its records and errors, and the SQLite and PostgreSQL implementations. */
export type * from './store.js'
export type * from './types.js'
export { StoreError, isStoreError, type EntityKind, type StoreErrorKind } from './errors.js'
export { newEntityId, type EntityIdPrefix } from './ids.js'
export { DEFAULT_LIMITS, resolveLimits, type StoreLimits } from './limits.js'
export { openSqliteStore, sqliteFileIn, SQLITE_FILE_NAME, type SqliteStoreOptions } from './sqlite/sqlite-store.js'
export { migratePostgresDatabase, openPostgresStore, type PostgresStoreOptions } from './postgres/pg-store.js'
export { describeStore, isPostgresUrl, isSharedStore, migrateStore, openStore, redactUrl, storeConfigFor, type StoreConfig } from './open.js'
