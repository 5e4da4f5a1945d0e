import { describe, expect, it } from 'vitest'
import { parsePolicy } from '../../policy/index.js'
import { statementPositions } from './positions.js'

function positionsOf(text: string): { start: [number, number]; end: [number, number] }[] {
  const policy = parsePolicy(text, { kind: 'identity' }).policy!
  return policy.statements.map((s) => {
    const p = statementPositions(policy, s.index)!
    return { start: [p.StartPosition.Line, p.StartPosition.Column], end: [p.EndPosition.Line, p.EndPosition.Column] }
  })
}

describe('statementPositions', () => {
  it('matches the AWS CLI reference for a one-line document with a Statement object (simulate-custom-policy)', () => {
    const text = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}'
    expect(positionsOf(text)).toEqual([{ start: [1, 38], end: [1, 167] }])
  })

  it('matches the AWS CLI reference for a 4-space indented document (simulate-principal-policy)', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Grant', Effect: 'Allow', Action: 'codecommit:ListRepositories', Resource: '*' }] }, null, 4)
    expect(positionsOf(text)).toEqual([{ start: [3, 19], end: [9, 10] }])
  })

  it('matches a 2-space indented AdministratorAccess as IAM reports it (3:17 to 8:6)', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2)
    expect(positionsOf(text)).toEqual([{ start: [3, 17], end: [8, 6] }])
  })

  it('starts a later statement just after the previous one, separators included', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"*"},{"Sid":"B","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]}'
    const a = text.indexOf('{"Sid":"A"')
    const b = text.indexOf('{"Sid":"B"')
    expect(positionsOf(text)).toEqual([
      { start: [1, a + 1], end: [1, b] },
      { start: [1, b], end: [1, text.length - 1] }
    ])
  })

  it('counts CRLF line breaks once and tabs as one column', () => {
    const text = '{\r\n\t"Version": "2012-10-17",\r\n\t"Statement": [\r\n\t\t{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}\r\n\t]\r\n}'
    // `\t"Statement": [` puts `[` at column 15; the statement's `}` is the last character of line 4.
    const line4 = '\t\t{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}'
    expect(positionsOf(text)).toEqual([{ start: [3, 16], end: [4, line4.length + 1] }])
  })

  it('gives nothing for a document built without text', () => {
    expect(statementPositions({ version: '2012-10-17', id: undefined, statements: [] }, 0)).toBeUndefined()
  })
})
