import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { keyMaterialFrom, loadKeyMaterial, MASTER_KEY_FILE, parseMasterKey } from './key-material.js'
import { open, seal } from './seal.js'

describe('seal/open', () => {
  const keys = keyMaterialFrom(Buffer.alloc(32, 1))

  it('round-trips and binds the purpose', () => {
    const box = seal(keys, 'secret-at-rest', Buffer.from('secret'))
    expect(open(keys, 'secret-at-rest', box)?.toString()).toBe('secret')
    expect(open(keys, 'session-token', box)).toBeUndefined()
  })

  it('refuses truncated and tampered blobs', () => {
    const box = seal(keys, 'secret-at-rest', Buffer.from('secret'))
    expect(open(keys, 'secret-at-rest', box.subarray(0, 20))).toBeUndefined()
    const bad = Buffer.from(box)
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 1
    expect(open(keys, 'secret-at-rest', bad)).toBeUndefined()
  })
})

describe('key material', () => {
  it('creates the master key once, mode 0600, and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-keys-'))
    const a = loadKeyMaterial({ dataDir: dir })
    const b = loadKeyMaterial({ dataDir: dir })
    expect(a.keyId).toBe(b.keyId)
    expect(a.key('session-token').equals(b.key('session-token'))).toBe(true)
    expect(statSync(join(dir, MASTER_KEY_FILE)).mode & 0o777).toBe(0o600)
    expect(parseMasterKey(readFileSync(join(dir, MASTER_KEY_FILE), 'utf8')).length).toBe(32)
  })

  it('takes WARDEN_MASTER_KEY as base64 or hex and rejects other sizes', () => {
    const hex = 'ab'.repeat(32)
    expect(loadKeyMaterial({ envValue: hex }).keyId).toBe(loadKeyMaterial({ envValue: Buffer.from(hex, 'hex').toString('base64') }).keyId)
    expect(() => parseMasterKey('c2hvcnQ=')).toThrow(/32 bytes/)
  })

  it('derives distinct keys per purpose', () => {
    const keys = keyMaterialFrom(Buffer.alloc(32, 9))
    expect(keys.key('session-token').equals(keys.key('secret-at-rest'))).toBe(false)
  })
})
