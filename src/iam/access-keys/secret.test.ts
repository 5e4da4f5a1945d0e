import { describe, expect, it } from 'vitest'
import { keyMaterialFrom } from '../../auth/key-material.js'
import { generateSecretAccessKey, openSecret, sealSecret } from './secret.js'

describe('access key secrets', () => {
  const keys = keyMaterialFrom(Buffer.alloc(32, 1))

  it('generates 40-character secrets from [A-Za-z0-9+/], different each time', () => {
    const a = generateSecretAccessKey()
    expect(a).toMatch(/^[A-Za-z0-9+/]{40}$/)
    expect(generateSecretAccessKey()).not.toBe(a)
  })

  it('seals so that only the same master key opens, and never stores the plaintext', () => {
    const secret = generateSecretAccessKey()
    const sealed = sealSecret(keys, secret)
    expect(Buffer.from(sealed).toString('utf8')).not.toContain(secret)
    expect(openSecret(keys, sealed)).toBe(secret)
    expect(openSecret(keyMaterialFrom(Buffer.alloc(32, 2)), sealed)).toBeUndefined()
    const tampered = Buffer.from(sealed)
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1
    expect(openSecret(keys, tampered)).toBeUndefined()
  })

  it('opens a Uint8Array view into a larger buffer (as drivers return blobs)', () => {
    const sealed = sealSecret(keys, 'x'.repeat(40))
    const big = new Uint8Array(sealed.length + 10)
    big.set(sealed, 5)
    expect(openSecret(keys, big.subarray(5, 5 + sealed.length))).toBe('x'.repeat(40))
  })
})
