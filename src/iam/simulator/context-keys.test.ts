import { describe, expect, it } from 'vitest'
import { parsePolicy } from '../../policy/index.js'
import { contextKeysOf } from './context-keys.js'

const parse = (doc: unknown) => parsePolicy(JSON.stringify(doc), { kind: 'identity' }).policy!

describe('contextKeysOf', () => {
  it('lists the AWS CLI reference example keys in its order', () => {
    const p = parse({
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: 'dynamodb:*', Resource: 'arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}', Condition: { DateGreaterThan: { 'aws:CurrentTime': '2015-08-16T12:00:00Z' } } }
    })
    expect(contextKeysOf([p])).toEqual(['aws:username', 'aws:CurrentTime'])
  })

  it('collects condition keys and variables in values, once each whatever the case, across policies', () => {
    const a = parse({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b', Condition: { StringLike: { 's3:prefix': ['home/${aws:username}/*', "${aws:PrincipalTag/team, 'none'}/*"] } } },
        { Effect: 'Deny', Action: '*', NotResource: 'arn:aws:s3:::${aws:PrincipalTag/project}/*', Condition: { Bool: { 'aws:SecureTransport': 'false' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } } }
      ]
    })
    const b = parse({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { Bool: { 'AWS:SECURETRANSPORT': 'true' } } } })
    expect(contextKeysOf([a, b])).toEqual([
      's3:prefix', 'aws:username', 'aws:PrincipalTag/team',
      'aws:PrincipalTag/project', 'aws:SecureTransport', 'aws:MultiFactorAuthAge'
    ])
  })

  it('ignores ${*} ${?} ${$} and variables of 2008-10-17 documents (literal there)', () => {
    const old = parse({ Version: '2008-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::${aws:username}' } })
    const special = parse({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::a${*}b${?}${$}' } })
    expect(contextKeysOf([old, special])).toEqual([])
  })
})
