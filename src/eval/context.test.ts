import { describe, expect, it } from 'vitest'
import { buildRequestContext } from './context.js'

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
describe('buildRequestContext', () => {
  const now = new Date('2026-01-15T12:00:00.123Z')
  it('derives principal keys for an assumed role (aws:PrincipalArn is the role ARN)', () => {
    const ctx = buildRequestContext(
      {
        principal: {
          arn: 'arn:aws:sts::111122223333:assumed-role/R/s',
          accountId: '111122223333',
          type: 'AssumedRole',
          userId: 'AROAX:s',
          tags: { team: 'ml' }
        },
        action: 's3:GetObject',
        resource: '*',
        context: { 'aws:SourceIp': '10.0.0.1', 'aws:principaltag/team': 'override' }
      },
      now
    )
    expect(ctx['aws:PrincipalArn']).toBe('arn:aws:iam::111122223333:role/R')
    expect(ctx['aws:PrincipalType']).toBe('AssumedRole')
    expect(ctx['aws:userid']).toBe('AROAX:s')
    expect(ctx['aws:username']).toBeUndefined()
    expect(ctx['aws:CurrentTime']).toBe('2026-01-15T12:00:00Z')
    expect(ctx['aws:EpochTime']).toBe('1768478400')
    expect(ctx['aws:SourceIp']).toBe('10.0.0.1')
    expect(ctx['aws:PrincipalTag/team']).toBeUndefined()
    expect(ctx['aws:principaltag/team']).toBe('override')
  })
  it('derives aws:username from a user ARN with a path', () => {
    const ctx = buildRequestContext(
      { principal: { arn: 'arn:aws:iam::111122223333:user/a/b/carol', accountId: '111122223333', type: 'User' }, action: 'x:y', resource: '*' },
      now
    )
    expect(ctx['aws:username']).toBe('carol')
    expect(ctx['aws:PrincipalAccount']).toBe('111122223333')
  })
})
