import { describe, expect, it } from 'vitest'
import { isAwsError } from './errors.js'
import { decodeMarker, encodeMarker, paginate, type PageResult } from './pagination.js'

const names = (n: number): string[] => Array.from({ length: n }, (_, i) => `role-${String(i).padStart(4, '0')}`)
const id = (s: string): string => s

function page(items: string[], input: { Marker?: string; MaxItems?: number }): PageResult<string> {
  const result = paginate(items, id, input)
  if (isAwsError(result)) throw result
  return result
}

describe('paginate (Marker / MaxItems, https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html)', () => {
  it('defaults to 100 items and marks the page truncated', () => {
    const first = page(names(250), {})
    expect(first.items).toHaveLength(100)
    expect(first.IsTruncated).toBe(true)
    expect(first.Marker).toBeDefined()
  })

  it('walks every item exactly once and omits Marker on the last page', () => {
    const all = names(25)
    const seen: string[] = []
    let marker: string | undefined
    for (;;) {
      const p = page(all, marker === undefined ? { MaxItems: 7 } : { MaxItems: 7, Marker: marker })
      seen.push(...p.items)
      if (!p.IsTruncated) {
        expect(p.Marker).toBeUndefined()
        break
      }
      marker = p.Marker
    }
    expect(seen).toEqual(all)
  })

  it('stays stable when items are inserted or deleted between pages', () => {
    const all = names(10)
    const first = page(all, { MaxItems: 4 })
    expect(first.items).toEqual(all.slice(0, 4))
    // An insert before the marker and a delete of the last returned item shift no positions.
    const changed = ['role-0000a', ...all.filter((n) => n !== 'role-0003')].sort()
    const second = page(changed, { MaxItems: 4, Marker: first.Marker! })
    expect(second.items).toEqual(all.slice(4, 8))
  })

  it('rejects a marker it did not issue and an out-of-range MaxItems', () => {
    const foreign = paginate(names(3), id, { Marker: 'not-a-marker' })
    expect(isAwsError(foreign) && [foreign.code, foreign.message]).toEqual(['InvalidInput', 'Invalid Marker.'])
    const tooMany = paginate(names(3), id, { MaxItems: 1001 })
    expect(isAwsError(tooMany) && tooMany.code).toBe('ValidationError')
    expect(decodeMarker(encodeMarker('a/b+c'))).toBe('a/b+c')
    expect(encodeMarker('x')).toMatch(/^[A-Za-z0-9_-]+$/)
  })
})
