/**
 * Cryptographically strong random bytes from a pooled buffer. `crypto.randomBytes` costs
 * a call into OpenSSL per use, which for the dozen-byte draws of the request path (ids,
 * secrets, IVs) is most of its price; one 4 KiB fill serves hundreds of them. Slices are
 * views of a pool that is never written again once handed out (a refill allocates a new
 * one), so callers may keep them.
 */
import { randomFillSync } from 'node:crypto'

const POOL_SIZE = 4096
let pool = Buffer.alloc(0)
let offset = 0

/** `size` random bytes (a view; do not write to it). */
export function pooledRandomBytes(size: number): Buffer {
  if (size > POOL_SIZE) return randomFillSync(Buffer.allocUnsafe(size))
  if (offset + size > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_SIZE))
    offset = 0
  }
  const out = pool.subarray(offset, offset + size)
  offset += size
  return out
}
