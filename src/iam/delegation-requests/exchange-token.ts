/**
 * The exchange (trade-in) token SendDelegationToken releases and GetDelegatedAccessToken
 * takes: `<request id>.<32 random bytes, base64url>`. The store keeps it sealed under the
 * secret-at-rest key, as it keeps access key secrets; Warden hands it to the requestor
 * through its own route instead of SNS (docs/delegation.md).
 */
import { timingSafeEqual } from 'node:crypto'
import type { KeyMaterial } from '../../auth/key-material.js'
import { pooledRandomBytes } from '../../auth/random-bytes.js'
import { openSecret, sealSecret } from '../access-keys/secret.js'

/** A new token for request `id` and the sealed form the store keeps. */
export function newExchangeToken(keys: KeyMaterial, id: string): { token: string; sealed: string } {
  const token = `${id}.${pooledRandomBytes(32).toString('base64url')}`
  return { token, sealed: Buffer.from(sealSecret(keys, token)).toString('base64') }
}

/** The token a stored sealed form holds, or undefined when it does not open. */
export function openExchangeToken(keys: KeyMaterial, sealed: string): string | undefined {
  return openSecret(keys, Buffer.from(sealed, 'base64'))
}

/** The request id a presented token names, or undefined when it is not shaped like one. */
export function exchangeTokenRequestId(token: string): string | undefined {
  const m = /^([\w-]{16,128})\.[A-Za-z0-9_-]{43}$/.exec(token)
  return m?.[1]
}

/** Whether `presented` is the token sealed in `sealed` (constant time). */
export function exchangeTokenMatches(keys: KeyMaterial, sealed: string | undefined, presented: string): boolean {
  const stored = sealed !== undefined ? openExchangeToken(keys, sealed) : undefined
  if (stored === undefined) return false
  const a = Buffer.from(stored, 'utf8')
  const b = Buffer.from(presented, 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}
