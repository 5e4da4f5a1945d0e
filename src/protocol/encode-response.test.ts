import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { encodeResponse, formatTimestamp } from './encode-response.js'

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false })

describe('encodeResponse (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html)', () => {
  it('writes members in model order whatever the order of the output object', () => {
    const xml = encodeResponse('sts', 'GetCallerIdentity', { Arn: 'arn:aws:iam::123456789012:root', Account: '123456789012', UserId: '123456789012' }, 'r')
    expect(xml).toBe(
      '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
        '<UserId>123456789012</UserId><Account>123456789012</Account><Arn>arn:aws:iam::123456789012:root</Arn>' +
        '</GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>'
    )
  })

  it('omits absent members, ignores members the model lacks and escapes text', () => {
    const xml = encodeResponse('iam', 'GetUser', { User: { Path: '/', UserName: 'a&b', UserId: 'AIDA', Arn: 'x', CreateDate: new Date(0), Secret: 'no', PasswordLastUsed: undefined } }, 'r')
    expect(xml).not.toContain('Secret')
    expect(xml).not.toContain('PasswordLastUsed')
    expect(parser.parse(xml).GetUserResponse.GetUserResult.User.UserName).toBe('a&b')
  })

  it('writes an empty result element when the output has no members to show', () => {
    const xml = encodeResponse('iam', 'ListRoles', { Roles: [], IsTruncated: false }, 'r')
    expect(xml).toContain('<ListRolesResult><Roles></Roles><IsTruncated>false</IsTruncated></ListRolesResult>')
  })

  it('writes maps as entry/key/value, accepting Map objects too', () => {
    const xml = encodeResponse('iam', 'GetAccountSummary', { SummaryMap: new Map([['Users', 2]]) }, 'r')
    expect(xml).toContain('<SummaryMap><entry><key>Users</key><value>2</value></entry></SummaryMap>')
  })

  it('writes a frozen structure the same each time, and an unfrozen one afresh', () => {
    const statement = Object.freeze({ SourcePolicyId: 'a<b', SourcePolicyType: 'user', StartPosition: Object.freeze({ Line: 1, Column: 2 }) })
    const result = (s: object) => ({ EvaluationResults: [{ EvalActionName: 's3:GetObject', EvalDecision: 'allowed', MatchedStatements: [s, s] }], IsTruncated: false })
    const first = encodeResponse('iam', 'SimulateCustomPolicy', result(statement), 'r')
    const xml = '<member><SourcePolicyId>a&lt;b</SourcePolicyId><SourcePolicyType>user</SourcePolicyType><StartPosition><Line>1</Line><Column>2</Column></StartPosition></member>'
    expect(first).toContain(`<MatchedStatements>${xml}${xml}</MatchedStatements>`)
    expect(encodeResponse('iam', 'SimulateCustomPolicy', result(statement), 'r')).toBe(first)
    const open = { SourcePolicyId: 'p', SourcePolicyType: 'user' }
    expect(encodeResponse('iam', 'SimulateCustomPolicy', result(open), 'r')).toContain('<SourcePolicyId>p</SourcePolicyId>')
    open.SourcePolicyId = 'q'
    expect(encodeResponse('iam', 'SimulateCustomPolicy', result(open), 'r')).toContain('<SourcePolicyId>q</SourcePolicyId>')
  })

  it('writes blobs as base64', () => {
    const xml = encodeResponse('iam', 'GetCredentialReport', { Content: new Uint8Array([104, 105]), ReportFormat: 'text/csv', GeneratedTime: new Date(0) }, 'r')
    expect(xml).toContain('<Content>aGk=</Content>')
  })

  it('rejects wiring mistakes loudly: unknown operations and mistyped members', () => {
    expect(() => encodeResponse('iam', 'NoSuchOperation', {}, 'r')).toThrow()
    expect(() => encodeResponse('iam', 'ListRoles', { Roles: 'nope', IsTruncated: false }, 'r')).toThrow(TypeError)
    expect(() => encodeResponse('iam', 'GetRole', { Role: { CreateDate: 'not a date' } }, 'r')).toThrow(TypeError)
  })

  it('formats timestamps as IAM does: UTC, Z, milliseconds only when present', () => {
    expect(formatTimestamp(new Date('2024-01-02T03:04:05Z'))).toBe('2024-01-02T03:04:05Z')
    expect(formatTimestamp(new Date('2024-01-02T03:04:05.120Z'))).toBe('2024-01-02T03:04:05.120Z')
    expect(formatTimestamp('2024-01-02T04:04:05+01:00')).toBe('2024-01-02T03:04:05Z')
  })
})
