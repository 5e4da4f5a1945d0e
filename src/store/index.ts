/** The storage layer's public surface: the interface, its records and errors, and the SQLite implementation. */
export type * from './store.js'
export type * from './types.js'
export type * from './people-types.js'
export { StoreError, isStoreError, type EntityKind, type StoreErrorKind } from './errors.js'
export { newEntityId, newPrivateKeyId, newSamlProviderUuid, type EntityIdPrefix } from './ids.js'
export { DEFAULT_LIMITS, resolveLimits, type StoreLimits } from './limits.js'
export { openSqliteStore, sqliteFileIn, SQLITE_FILE_NAME, type SqliteStoreOptions } from './sqlite/sqlite-store.js'
export { mfaSerialNumber } from './people-records.js'
