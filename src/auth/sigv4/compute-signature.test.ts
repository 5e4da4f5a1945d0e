import { createHmac, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { computeSignature } from './compute-signature.js'

describe('computeSignature', () => {
  it('equals createHmac over random keys and strings (ASCII, multi-byte, empty, longer than its scratch buffer)', () => {
    const strings = ['', 'AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nabc', 'ümlaut ✓ 漢字', 'x'.repeat(10_000)]
    for (let i = 0; i < 50; i++) {
      const key = randomBytes(32)
      for (const s of [...strings, randomBytes(1 + (i * 37) % 500).toString('latin1')]) {
        expect(computeSignature(key, s)).toBe(createHmac('sha256', key).update(s, 'utf8').digest('hex'))
        // Twice with the same key: the cached pads must not be disturbed by the first call.
        expect(computeSignature(key, s + '!')).toBe(createHmac('sha256', key).update(s + '!', 'utf8').digest('hex'))
      }
    }
  })
})
