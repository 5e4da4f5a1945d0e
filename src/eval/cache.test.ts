import { describe, expect, it } from 'vitest'
import { createLruCache } from './cache.js'

describe('createLruCache', () => {
  it('evicts the least recently used entry', () => {
    const c = createLruCache<string, number>(2)
    c.set('a', 1)
    c.set('b', 2)
    expect(c.get('a')).toBe(1)
    c.set('c', 3)
    expect(c.get('b')).toBeUndefined()
    expect(c.get('a')).toBe(1)
    expect(c.get('c')).toBe(3)
    expect(c.size).toBe(2)
  })
  it('keeps recently used entries once it fills, whatever their insertion order', () => {
    const c = createLruCache<number, number>(8)
    for (let i = 0; i < 8; i++) c.set(i, i)
    // Full: hits now count. 0 and 1 are used, so 2 and 3 are the oldest.
    c.get(0)
    c.get(1)
    c.set(8, 8)
    c.set(9, 9)
    expect(c.get(2)).toBeUndefined()
    expect(c.get(3)).toBeUndefined()
    expect([0, 1, 4, 5, 6, 7, 8, 9].every((k) => c.get(k) === k)).toBe(true)
  })
  it('updates in place and clears', () => {
    const c = createLruCache<string, number>(1)
    c.set('a', 1)
    c.set('a', 2)
    expect(c.get('a')).toBe(2)
    expect(c.delete('a')).toBe(true)
    c.set('b', 1)
    c.clear()
    expect(c.size).toBe(0)
  })
})
