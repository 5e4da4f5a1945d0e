import { describe, expect, it } from 'vitest'
import { base32Decode, base32Encode, matchConsecutiveSteps, matchStep, totpCode, totpStep } from './totp.js'

// RFC 6238 appendix B: the SHA1 seed is the ASCII of "12345678901234567890"; the vectors
// are 8 digits, whose last 6 are the 6-digit codes.
const RFC_SEED = Buffer.from('12345678901234567890', 'ascii')
const VECTORS: [number, string][] = [
  [59, '94287082'], [1111111109, '07081804'], [1111111111, '14050471'],
  [1234567890, '89005924'], [2000000000, '69279037'], [20000000000, '65353130']
]

describe('TOTP (RFC 6238, SHA1, 30 s)', () => {
  it('matches the RFC test vectors', () => {
    for (const [seconds, code] of VECTORS) {
      expect(totpCode(RFC_SEED, totpStep(new Date(seconds * 1000)))).toBe(code.slice(-6))
    }
  })

  it('finds a code within its window, and only there', () => {
    const now = totpStep(new Date(1111111111 * 1000))
    const code = totpCode(RFC_SEED, now - 1)
    expect(matchStep(RFC_SEED, code, now, 1, 1)).toBe(now - 1)
    expect(matchStep(RFC_SEED, code, now + 3, 1, 1)).toBeUndefined()
    const wrong = String((Number(totpCode(RFC_SEED, now)) + 1) % 1_000_000).padStart(6, '0')
    expect(matchStep(RFC_SEED, wrong, now, 0, 0)).toBeUndefined()
  })

  it('accepts two consecutive codes, not the same code twice nor a swapped pair', () => {
    const now = 50_000_000
    const a = totpCode(RFC_SEED, now - 1)
    const b = totpCode(RFC_SEED, now)
    expect(matchConsecutiveSteps(RFC_SEED, a, b, now, 2)).toBe(now - 1)
    expect(matchConsecutiveSteps(RFC_SEED, b, a, now, 2)).toBeUndefined()
    expect(matchConsecutiveSteps(RFC_SEED, a, a, now, 2)).toBeUndefined()
    expect(matchConsecutiveSteps(RFC_SEED, a, b, now + 10, 2)).toBeUndefined()
  })
})

describe('base32 (RFC 4648)', () => {
  it('encodes the RFC vectors without padding and decodes them back', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']]
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain))).toBe(encoded)
      expect(Buffer.from(base32Decode(encoded)!).toString()).toBe(plain)
    }
    expect(Buffer.from(base32Decode('mzxw6ytboi======')!).toString()).toBe('foobar')
    expect(base32Decode('MZ1W')).toBeUndefined()
  })
})
