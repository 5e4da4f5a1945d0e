import type { PgSession } from './session.js'

/**
 * An async domain interface with the session prepended to every method: what the
 * PostgreSQL domain files implement (the twin of sqlite/sync.ts). pg-store.ts supplies the
 * session, a connection inside the operation's own transaction or savepoint.
 */
export type WithSession<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (s: PgSession, ...args: A) => Promise<R> : never
}
