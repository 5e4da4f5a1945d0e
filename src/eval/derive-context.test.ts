import { describe, expect, it } from 'vitest'
import { compilePolicySet } from './index.js'
import { policyFromObject } from './testing.js'
import type { AuthorizationRequest } from './types.js'

// The policy simulator (SimulatePrincipalPolicy / SimulateCustomPolicy) takes every context
// key from ContextEntries: `deriveContext: false` turns off the principal and clock keys.
describe('deriveContext', () => {
  const set = compilePolicySet({
    identity: [{
      id: 'p',
      type: 'identity',
      policy: policyFromObject({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/*' },
          { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*', Condition: { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } } }
        ]
      })
    }]
  })
  const principal = { arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333', type: 'User' as const, username: 'alice' }
  const object: AuthorizationRequest = { principal, action: 's3:GetObject', resource: 'arn:aws:s3:::home/alice/notes.txt' }
  const backup: AuthorizationRequest = { principal, action: 'dynamodb:CreateBackup', resource: '*' }

  it('derives aws:username and aws:CurrentTime by default', () => {
    expect(set.evaluate(object).decision).toBe('Allow')
    expect(set.evaluate(backup).decision).toBe('Allow')
  })

  it('without derived keys, reports them missing as the policy spells them', () => {
    const r = set.evaluate(object, { deriveContext: false })
    expect(r.decision).toBe('ImplicitDeny')
    expect(r.missingContextKeys).toEqual(['aws:username'])
    const b = set.evaluate(backup, { deriveContext: false })
    expect(b.decision).toBe('ImplicitDeny')
    expect(b.missingContextKeys).toEqual(['aws:CurrentTime'])
  })

  it('without derived keys, uses the keys the request supplies', () => {
    expect(set.evaluate({ ...object, context: { 'aws:username': 'alice' } }, { deriveContext: false }).decision).toBe('Allow')
    expect(set.evaluate({ ...object, context: { 'aws:username': 'bob' } }, { deriveContext: false }).decision).toBe('ImplicitDeny')
    expect(set.evaluate({ ...backup, context: { 'aws:CurrentTime': '2019-01-01T00:00:00Z' } }, { deriveContext: false }).decision).toBe('ImplicitDeny')
    expect(set.evaluate({ ...backup, context: { 'aws:currenttime': '2021-01-01T00:00:00Z' } }, { deriveContext: false }).missingContextKeys).toEqual([])
  })
})
