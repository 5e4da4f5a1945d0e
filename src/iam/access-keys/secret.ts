/**
 * Secret access keys: how they are generated and how they are kept at rest. The store
 * holds only `sealSecret`'s output (AES-256-GCM under the `secret-at-rest` purpose key, see
 * src/auth/seal.ts); the SigV4 verifier opens it with `openSecret`. Both sides must use
 * these two functions so the format has one definition.
 */
import type { KeyMaterial } from '../../auth/key-material.js'
import { pooledRandomBytes } from '../../auth/random-bytes.js'
import { open, seal } from '../../auth/seal.js'

/** A new 40-character secret from [A-Za-z0-9+/], as AWS issues them (30 random bytes, base64). */
export function generateSecretAccessKey(): string {
  return pooledRandomBytes(30).toString('base64')
}

/** Encrypts a secret access key for the store. */
export function sealSecret(keys: KeyMaterial, secret: string): Uint8Array {
  return seal(keys, 'secret-at-rest', Buffer.from(secret, 'utf8'))
}

/** Decrypts what {@link sealSecret} produced; undefined when it was tampered with or sealed under another master key. */
export function openSecret(keys: KeyMaterial, sealed: Uint8Array): string | undefined {
  return open(keys, 'secret-at-rest', Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength))?.toString('utf8')
}
