import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { keyMaterialFrom } from '../auth/key-material.js'
import { decodeSessionToken, encodeSessionToken, type SessionClaims } from './session-token.js'

const keys = keyMaterialFrom(Buffer.alloc(32, 7))
const now = 1_800_000_000
const claims: SessionClaims = {
  kind: 'assumed-role',
  accessKeyId: 'ASIAEXAMPLE123456789',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  accountId: '123456789012',
  issuedAt: now,
  expiresAt: now + 3600,
  roleId: 'AROAEXAMPLEROLE000001',
  roleArn: 'arn:aws:iam::123456789012:role/ml/SageMakerExec',
  sessionName: 'training-job',
  policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }),
  tags: { team: 'vision' },
  transitiveTagKeys: ['team'],
  mfaAuthenticatedAt: now - 10
}

describe('session tokens', () => {
  it('round-trips the claims', () => {
    const token = encodeSessionToken(keys, claims)
    expect(token).toMatch(/^[A-Za-z0-9+/]+=*$/)
    expect(decodeSessionToken(keys, token, now + 1)).toEqual({ ok: true, claims })
  })

  it('round-trips large claims (deflated) and small ones (sealed as they are)', () => {
    const big: SessionClaims = { ...claims, policy: JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: 40 }, (_, i) => ({ Effect: 'Allow', Action: `s3:GetObject${i}`, Resource: '*' })) }) }
    const small: SessionClaims = { kind: 'session-token', accessKeyId: claims.accessKeyId, secretAccessKey: claims.secretAccessKey, accountId: claims.accountId, issuedAt: now, expiresAt: now + 900 }
    for (const c of [big, small]) expect(decodeSessionToken(keys, encodeSessionToken(keys, c), now)).toEqual({ ok: true, claims: c })
    // Deflate keeps a long policy's token well under the policy's own size.
    expect(encodeSessionToken(keys, big).length).toBeLessThan(big.policy!.length)
  })

  it('never repeats a token for the same claims (fresh IV)', () => {
    expect(encodeSessionToken(keys, claims)).not.toBe(encodeSessionToken(keys, claims))
  })

  it('refuses an expired token', () => {
    const token = encodeSessionToken(keys, claims)
    expect(decodeSessionToken(keys, token, now + 3600)).toEqual({ ok: false, reason: 'expired' })
  })

  it('refuses every single-byte tampering', () => {
    const raw = Buffer.from(encodeSessionToken(keys, claims), 'base64')
    for (let i = 0; i < raw.length; i++) {
      const bad = Buffer.from(raw)
      bad[i] = bad[i]! ^ 0x01
      expect(decodeSessionToken(keys, bad.toString('base64'), now).ok).toBe(false)
    }
  })

  it('refuses a token sealed under another master key', () => {
    const other = keyMaterialFrom(randomBytes(32))
    expect(decodeSessionToken(other, encodeSessionToken(keys, claims), now)).toEqual({ ok: false, reason: 'invalid' })
  })

  it('refuses garbage without throwing', () => {
    for (const junk of ['', 'x', '!!!!', 'A'.repeat(20_000), randomBytes(200).toString('base64'), 'IQoJb3JpZ2luX2VjEA==']) {
      expect(decodeSessionToken(keys, junk, now).ok).toBe(false)
    }
  })
})
