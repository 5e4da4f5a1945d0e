import { describe, expect, it } from 'vitest'
import { pooledRandomBytes } from './random-bytes.js'

describe('pooledRandomBytes', () => {
  it('hands out distinct, independent draws across refills', () => {
    const seen = new Set<string>()
    const kept: Buffer[] = []
    for (let i = 0; i < 2000; i++) {
      const b = pooledRandomBytes(12)
      expect(b.length).toBe(12)
      seen.add(b.toString('hex'))
      kept.push(b)
    }
    expect(seen.size).toBe(2000)
    // Views handed out earlier are not overwritten by later refills.
    expect(new Set(kept.map((b) => b.toString('hex'))).size).toBe(2000)
    expect(pooledRandomBytes(10_000).length).toBe(10_000)
  })

  it('is not constant: bytes cover the whole range', () => {
    const counts = new Array(256).fill(0)
    for (const byte of pooledRandomBytes(4000)) counts[byte]++
    expect(counts.filter((c) => c > 0).length).toBeGreaterThan(200)
  })
})
