import { describe, expect, it } from 'vitest'
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
