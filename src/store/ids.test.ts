import { afterEach, describe, expect, it, vi } from 'vitest'
import { parsePolicyArn } from './arn.js'
import { newEntityId } from './ids.js'

describe('newEntityId', () => {
  it('makes 21-character ids for entities and 20-character access key ids', () => {
    for (const prefix of ['AIDA', 'AGPA', 'AROA', 'ANPA', 'AIPA', 'ASCA'] as const) {
      expect(newEntityId(prefix)).toMatch(new RegExp(`^${prefix}[A-Z0-9]{17}$`))
    }
    expect(newEntityId('AKIA')).toMatch(/^AKIA[A-Z0-9]{16}$/)
    expect(newEntityId('ASIA')).toMatch(/^ASIA[A-Z0-9]{16}$/)
  })

  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('sorts by creation second, as text (B-tree locality for the id indexes)', () => {
    const at = (iso: string) => {
      vi.spyOn(Date, 'now').mockReturnValue(Date.parse(iso))
      return newEntityId('AROA')
    }
    const ids = ['2026-11-30T23:00:00Z', '2026-11-30T23:00:01Z', '2027-01-01T00:00:00Z', '2030-06-01T12:00:00Z'].map(at)
    expect([...ids].sort()).toEqual(ids)
    // Within one second the rest is random; past 36^6 s (December 2038) the length still holds.
    expect(at('2026-11-30T23:00:00Z').slice(0, 10)).toBe(ids[0]!.slice(0, 10))
    expect(at('2039-01-01T00:00:00Z')).toMatch(/^AROA[A-Z0-9]{17}$/)
    vi.spyOn(Date, 'now').mockReturnValue(Date.parse('2039-01-01T00:00:00Z'))
    expect(newEntityId('AKIA')).toMatch(/^AKIA[A-Z0-9]{16}$/)
  })

  it('does not repeat and uses the whole alphabet', () => {
    const ids = Array.from({ length: 2000 }, () => newEntityId('AIDA'))
    expect(new Set(ids).size).toBe(ids.length)
    const chars = new Set(ids.join('').slice(0))
    expect(chars.size).toBe(36)
  })
})

describe('parsePolicyArn', () => {
  it('splits customer and AWS managed policy ARNs', () => {
    expect(parsePolicyArn('arn:aws:iam::123456789012:policy/p')).toEqual({ account: '123456789012', aws: false, path: '/', name: 'p' })
    expect(parsePolicyArn('arn:aws:iam::aws:policy/service-role/AmazonSageMakerFullAccess'))
      .toEqual({ account: 'aws', aws: true, path: '/service-role/', name: 'AmazonSageMakerFullAccess' })
    expect(parsePolicyArn('arn:aws:iam::123456789012:role/r')).toBeUndefined()
    expect(parsePolicyArn('arn:aws:iam::123456789012:policy/')).toBeUndefined()
  })
})
