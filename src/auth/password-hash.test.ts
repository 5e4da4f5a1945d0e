import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from './password-hash.js'

describe('password hashing (scrypt)', () => {
  it('stores salt and parameters, never the password; verifies only the right password', async () => {
    const a = await hashPassword('Correct-Horse-9')
    const b = await hashPassword('Correct-Horse-9')
    expect(a).toMatch(/^scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/)
    expect(a).not.toBe(b)
    expect(a).not.toContain('Correct-Horse-9')
    expect(await verifyPassword('Correct-Horse-9', a)).toBe(true)
    expect(await verifyPassword('Correct-Horse-8', a)).toBe(false)
    expect(await verifyPassword('', a)).toBe(false)
  })

  it('refuses malformed or absurd encodings instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain')).toBe(false)
    expect(await verifyPassword('x', 'scrypt$ln=40,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=')).toBe(false)
    expect(await verifyPassword('x', 'scrypt$ln=15,r=8,p=1$AAAA$AAAA')).toBe(false)
  })

  it('verifies non-ASCII (Latin-1) passwords byte-exactly', async () => {
    const h = await hashPassword('pässwörd-Ä1')
    expect(await verifyPassword('pässwörd-Ä1', h)).toBe(true)
    expect(await verifyPassword('passwörd-Ä1', h)).toBe(false)
  })
})
