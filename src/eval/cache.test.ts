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
