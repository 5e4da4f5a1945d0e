import { describe, expect, it } from 'vitest'
import { decodeDocument, formatDocument, sameDocument } from './documents.js'
import { diffLines, withContext } from './line-diff.js'

describe('policy documents', () => {
  const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Sid: 'A', Resource: ['*'], Action: 's3:GetObject' }] }

  it('decode what IAM returns (URL-encoded JSON) and plain JSON', () => {
    expect(decodeDocument(encodeURIComponent(JSON.stringify(doc)))).toEqual(doc)
    expect(decodeDocument(JSON.stringify(doc))).toEqual(doc)
  })

  it('compare regardless of key order, singleton lists and a lone statement object', () => {
    const same = { Statement: { Action: ['s3:GetObject'], Resource: '*', Sid: 'A', Effect: 'Allow' }, Version: '2012-10-17' }
    expect(sameDocument(doc, same)).toBe(true)
    expect(sameDocument(doc, { ...same, Statement: { ...same.Statement, Resource: 'arn:aws:s3:::b/*' } })).toBe(false)
    expect(formatDocument(same).split('\n').slice(0, 5)).toEqual(['{', '  "Version": "2012-10-17",', '  "Statement": [', '    {', '      "Sid": "A",'])
  })

  it('keep the order of list elements (a reordered list is a change)', () => {
    const a = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['a:X', 'a:Y'], Resource: '*' }] }
    const b = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['a:Y', 'a:X'], Resource: '*' }] }
    expect(sameDocument(a, b)).toBe(false)
  })
})

describe('line diff', () => {
  it('marks removed and added lines and keeps the common ones', () => {
    expect(diffLines('a\nb\nc', 'a\nx\nc')).toEqual([
      { sign: ' ', text: 'a' },
      { sign: '-', text: 'b' },
      { sign: '+', text: 'x' },
      { sign: ' ', text: 'c' }
    ])
    expect(diffLines('', 'a\nb').map((l) => l.sign)).toEqual(['+', '+'])
  })

  it('shows changes with context and elides the rest', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n')
    const after = before.replace('line 10', 'line ten')
    expect(withContext(diffLines(before, after), 1).map((l) => `${l.sign}${l.text}`)).toEqual([' ...', ' line 9', '-line 10', '+line ten', ' line 11', ' ...'])
  })
})
