import { describe, expect, it } from 'vitest'
import cases from './decode-request.cases.json' with { type: 'json' }
import { decodeInput } from './decode-input.js'
import { decodeQueryRequest } from './decode-request.js'
import { serviceModel } from './model.js'
import { paramTree, parseQuery } from './parse-query.js'

interface Case {
  name: string
  doc: string
  service: 'iam' | 'sts'
  body: string
  code: string
  status: number
  message: string
}

describe('decodeQueryRequest errors, worded as AWS words them', () => {
  it.each((cases as Case[]).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const decoded = decodeQueryRequest(c.service, c.body)
    if (decoded.ok) throw new Error(`expected ${c.code}, decoded ${JSON.stringify(decoded.input)}`)
    expect({ code: decoded.error.code, status: decoded.error.status, message: decoded.error.message }).toEqual({
      code: c.code,
      status: c.status,
      message: c.message
    })
  })
})

describe('decoding lists, maps and scalars', () => {
  it('closes gaps in member.N and orders by index, not by arrival', () => {
    const decoded = decodeQueryRequest('iam', 'Action=UntagRole&Version=2010-05-08&RoleName=R&TagKeys.member.10=c&TagKeys.member.3=b&TagKeys.member.1=a&TagKeys.member.0=x&TagKeys.member.y=z')
    expect(decoded.ok && decoded.input).toEqual({ RoleName: 'R', TagKeys: ['a', 'b', 'c'] })
  })

  it('reads an empty list from `X=`, as botocore sends one', () => {
    const decoded = decodeQueryRequest('iam', 'Action=TagRole&Version=2010-05-08&RoleName=R&Tags=')
    expect(decoded.ok && decoded.input).toEqual({ RoleName: 'R', Tags: [] })
  })

  it('ignores parameters the model does not know, including prototype names', () => {
    const decoded = decodeQueryRequest('iam', 'Action=GetRole&Version=2010-05-08&RoleName=R&Extra=1&__proto__.x=1&constructor=y')
    expect(decoded.ok && decoded.input).toEqual({ RoleName: 'R' })
    expect(Object.getPrototypeOf(decoded.ok && decoded.input)).toBe(Object.prototype)
  })

  it('does not resolve operation names through the prototype', () => {
    const decoded = decodeQueryRequest('iam', 'Action=toString&Version=2010-05-08')
    expect(!decoded.ok && decoded.error.code).toBe('InvalidAction')
  })

  it('decodes entry.N.key / entry.N.value maps', () => {
    const model = serviceModel('iam')
    const { params } = parseQuery(
      'EvalActionName=s3:GetObject&EvalDecision=allowed&EvalDecisionDetails.entry.2.key=B&EvalDecisionDetails.entry.2.value=explicitDeny&EvalDecisionDetails.entry.1.key=A&EvalDecisionDetails.entry.1.value=allowed'
    )
    const { input, violations } = decodeInput(model, 'EvaluationResult', paramTree(params))
    expect(violations).toEqual([])
    expect(input).toEqual({ EvalActionName: 's3:GetObject', EvalDecision: 'allowed', EvalDecisionDetails: { A: 'allowed', B: 'explicitDeny' } })
  })

  it('converts booleans case-insensitively and timestamps from ISO-8601 or epoch seconds', () => {
    const model = serviceModel('iam')
    const iso = decodeInput(model, 'AccessKeyLastUsed', paramTree(parseQuery('LastUsedDate=2024-05-06T07:08:09Z&ServiceName=s3&Region=us-east-1').params))
    expect(iso.input['LastUsedDate']).toEqual(new Date('2024-05-06T07:08:09Z'))
    const epoch = decodeInput(model, 'AccessKeyLastUsed', paramTree(parseQuery('LastUsedDate=1714979289').params))
    expect(epoch.input['LastUsedDate']).toEqual(new Date('2024-05-06T07:08:09Z'))
    const bad = decodeInput(model, 'AccessKeyLastUsed', paramTree(parseQuery('LastUsedDate=yesterday').params))
    expect(bad.violations).toEqual(["Value 'yesterday' at 'lastUsedDate' failed to satisfy constraint: Member must be of type timestamp"])
    const yes = decodeQueryRequest('iam', 'Action=ListPolicies&Version=2010-05-08&OnlyAttached=TRUE')
    expect(yes.ok && yes.input).toEqual({ OnlyAttached: true })
    const no = decodeQueryRequest('iam', 'Action=ListPolicies&Version=2010-05-08&OnlyAttached=maybe')
    expect(!no.ok && no.error.message).toBe("1 validation error detected: Value 'maybe' at 'onlyAttached' failed to satisfy constraint: Member must be of type boolean")
  })

  it('accepts URLSearchParams, and a GET query string with its question mark', () => {
    const fromParams = decodeQueryRequest('sts', new URLSearchParams({ Action: 'GetCallerIdentity', Version: '2011-06-15' }))
    expect(fromParams).toEqual({ ok: true, operation: 'GetCallerIdentity', input: {} })
    const fromQuery = decodeQueryRequest('sts', '?Action=GetSessionToken&Version=2011-06-15&DurationSeconds=900')
    expect(fromQuery).toEqual({ ok: true, operation: 'GetSessionToken', input: { DurationSeconds: 900 } })
  })

  it('counts string length in code points, as the model length trait does', () => {
    const emoji = '\u{1F600}'.repeat(64)
    expect(decodeQueryRequest('iam', `Action=TagRole&Version=2010-05-08&RoleName=R&Tags.member.1.Key=k&Tags.member.1.Value=${encodeURIComponent('a'.repeat(256))}`).ok).toBe(true)
    const tooLong = decodeQueryRequest('iam', `Action=TagRole&Version=2010-05-08&RoleName=R&Tags.member.1.Key=k&Tags.member.1.Value=${encodeURIComponent('a'.repeat(257))}`)
    expect(!tooLong.ok && tooLong.error.message).toContain('Member must have length less than or equal to 256')
    // 64 emoji are 128 UTF-16 units: still within a 1..128 description.
    const decoded = decodeQueryRequest('iam', `Action=UpdateRole&Version=2010-05-08&RoleName=R&Description=${encodeURIComponent(emoji)}`)
    expect(!decoded.ok && decoded.error.message).not.toContain('length')
  })
})
