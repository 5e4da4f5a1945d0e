import { createHmac } from 'node:crypto'
import { DEFAULT_SIGNING_KEY_CACHE_SIZE, KEY_PREFIX, TERMINATOR } from './constants.js'
import type { CredentialScope } from './types.js'

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest()
}

/** Derives the SigV4 signing key: HMAC chain over date, region, service and the terminator. */
export function deriveSigningKey(secretAccessKey: string, scope: CredentialScope): Buffer {
  const kDate = hmac(KEY_PREFIX + secretAccessKey, scope.date)
  return hmac(hmac(hmac(kDate, scope.region), scope.service), TERMINATOR)
}

/**
 * A bounded least-recently-used cache of signing keys, keyed by (secret, date, region,
 * service). A key is valid for one day and one scope, so hits are the norm. Its contents
 * never show up in logs: inspecting or serialising it gives only its size.
 */
export class SigningKeyCache {
  readonly #entries = new Map<string, Buffer>()
  readonly #capacity: number

  constructor(capacity = DEFAULT_SIGNING_KEY_CACHE_SIZE) {
    this.#capacity = Math.max(1, Math.floor(capacity))
  }

  get size(): number {
    return this.#entries.size
  }

  /** The signing key for a secret and scope, derived on a miss. */
  get(secretAccessKey: string, scope: CredentialScope): Buffer {
    const id = `${scope.date}\n${scope.region}\n${scope.service}\n${secretAccessKey}`
    const hit = this.#entries.get(id)
    if (hit !== undefined) {
      // Re-insert so that Map order is recency order; only once eviction is near, since
      // before that the order decides nothing (as in src/eval/cache.ts).
      if (this.#entries.size * 4 >= this.#capacity * 3) {
        this.#entries.delete(id)
        this.#entries.set(id, hit)
      }
      return hit
    }
    const key = deriveSigningKey(secretAccessKey, scope)
    if (this.#entries.size >= this.#capacity) {
      const oldest = this.#entries.keys().next().value
      if (oldest !== undefined) this.#entries.delete(oldest)
    }
    this.#entries.set(id, key)
    return key
  }

  clear(): void {
    this.#entries.clear()
  }

  toJSON(): { size: number } {
    return { size: this.size }
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `SigningKeyCache { size: ${this.size} }`
  }
}
