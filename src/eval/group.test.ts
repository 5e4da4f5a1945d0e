import { describe, expect, it } from 'vitest'
import { compilePolicySet } from './engine.js'
import { policyFromObject } from './testing.js'
import type { RequestPrincipal } from './types.js'

const alice: RequestPrincipal = { arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333', type: 'User', username: 'alice' }
const policy = policyFromObject({ Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] })

describe('compiled statements shared across policy sets', () => {
  it('keeps each set its own policy id and type in explanations', () => {
    const a = compilePolicySet({ identity: [{ id: 'arn:aws:iam::aws:policy/A', type: 'identity', policy }] })
    const b = compilePolicySet({ identity: [], boundary: [{ id: 'boundary-b', type: 'boundary', policy }] })
    const request = { principal: alice, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' }
    expect(a.evaluate(request).matched.map((m) => [m.policyId, m.policyType])).toEqual([['arn:aws:iam::aws:policy/A', 'identity']])
    const fromB = b.evaluate(request)
    expect(fromB.decision).toBe('ImplicitDeny')
    expect(fromB.matched.map((m) => [m.policyId, m.policyType])).toEqual([['boundary-b', 'boundary']])
  })

  it('gives the same decisions whether a policy was compiled before or not', () => {
    const first = compilePolicySet({ identity: [{ id: 'p', type: 'identity', policy }] })
    const second = compilePolicySet({ identity: [{ id: 'p', type: 'identity', policy }] })
    for (const action of ['s3:GetObject', 's3:PutObject']) {
      const request = { principal: alice, action, resource: 'arn:aws:s3:::b/k' }
      expect(second.evaluate(request)).toEqual(first.evaluate(request))
    }
  })
})
