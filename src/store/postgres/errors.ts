/**
 * PostgreSQL driver errors as StoreErrors. SQLSTATE classes: 23505 unique violation,
 * 23503 foreign key violation, 40001/40P01 serialization failure and deadlock (retryable),
 * 08 connection exceptions, 57 operator intervention (shutdown, statement timeout),
 * 53 insufficient resources (too many connections).
 */
import { StoreError } from '../errors.js'

interface DriverError {
  code?: string
  message?: string
}

/** The message every Unavailable error from a lost or refused connection carries. */
export const UNAVAILABLE_MESSAGE = 'The service is unavailable: the database cannot be reached. Please try again.'

// Node socket errors and pg's own messages when the connection dies or never comes up.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'])
const CONNECTION_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Client was closed|not queryable/i

function codeOf(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null ? (err as DriverError).code : undefined
}

/** True when `err` is PostgreSQL refusing a row because a unique index already holds its key. */
export function isUniqueViolation(err: unknown): boolean {
  return codeOf(err) === '23505' || (err instanceof StoreError && codeOf(err.cause) === '23505')
}

/** True for errors after which a whole transaction may simply be run again. */
export function isRetryable(err: unknown): boolean {
  const code = codeOf(err instanceof StoreError ? err.cause : err)
  return code === '40001' || code === '40P01'
}

/** True when the connection itself is gone (it must be discarded, not returned to the pool). */
export function isConnectionError(err: unknown): boolean {
  const e = err instanceof StoreError ? err.cause : err
  const code = codeOf(e)
  if (code !== undefined && (SOCKET_CODES.has(code) || code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03')) return true
  return e instanceof Error && CONNECTION_MESSAGES.test(e.message)
}

/** The StoreError for a driver error; StoreErrors and non-driver errors pass through. */
export function toStoreError(err: unknown): unknown {
  if (err instanceof StoreError) return err
  const code = codeOf(err)
  if (code === '23505') return new StoreError('AlreadyExists', 'The entity already exists.', undefined, { cause: err })
  if (code === '23503') return new StoreError('Conflict', 'Cannot delete entity, it is still referenced.', undefined, { cause: err })
  if (code === '40001' || code === '40P01') {
    return new StoreError('Unavailable', 'The request conflicted with a concurrent change. Please try again.', undefined, { cause: err })
  }
  if (code === '57014') return new StoreError('Unavailable', 'The database did not answer in time. Please try again.', undefined, { cause: err })
  if (code === '53300' || code === '53000') {
    return new StoreError('Unavailable', 'The database has no free connections. Please try again.', undefined, { cause: err })
  }
  if (isConnectionError(err)) return new StoreError('Unavailable', UNAVAILABLE_MESSAGE, undefined, { cause: err })
  if (code !== undefined && /^[0-9A-Z]{5}$/.test(code)) {
    return new StoreError('Unavailable', `The database failed the request (SQLSTATE ${code}).`, undefined, { cause: err })
  }
  return err
}

/** Runs an insert or rename, turning a unique-index violation into AlreadyExists with AWS's message. */
export async function insertUnique<T>(fn: () => Promise<T>, message: string, entity: StoreError['entity']): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (isUniqueViolation(err)) throw new StoreError('AlreadyExists', message, entity, { cause: err })
    throw err
  }
}
