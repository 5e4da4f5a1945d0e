import { pooledRandomBytes } from '../auth/random-bytes.js'

/** The unique-id prefixes IAM uses, one per entity kind. */
export type EntityIdPrefix = 'AIDA' | 'AGPA' | 'AROA' | 'ANPA' | 'AIPA' | 'AKIA' | 'ASIA' | 'ASCA'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
// Largest multiple of 36 below 256: bytes at or above it are rejected so every
// character is equally likely.
const REJECT_AT = 252

/**
 * A new IAM unique id: the prefix plus upper-case alphanumerics, 21 characters in all
 * (20 for access key ids, AKIA and ASIA, as AWS issues them).
 */
export function newEntityId(prefix: EntityIdPrefix): string {
  const total = prefix === 'AKIA' || prefix === 'ASIA' ? 20 : 21
  return prefix + randomAlphanumeric(total - prefix.length)
}

/** A SAMLProviderUUID: `SAML` and 18 upper-case alphanumerics (22 characters), as IAM issues them. */
export function newSamlProviderUuid(): string {
  return 'SAML' + randomAlphanumeric(18)
}

/** A SAML provider private key id (privateKeyIdType: 22 to 64 upper-case alphanumerics). */
export function newPrivateKeyId(): string {
  return randomAlphanumeric(26)
}

function randomAlphanumeric(length: number): string {
  let out = ''
  while (out.length < length) {
    const bytes = pooledRandomBytes(length * 2)
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i]!
      if (byte >= REJECT_AT) continue
      out += ALPHABET[byte % 36]
      if (out.length === length) break
    }
  }
  return out
}
