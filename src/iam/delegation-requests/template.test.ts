import { describe, expect, it } from 'vitest'
import { renderPolicyTemplate } from './template.js'

const TEMPLATE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::@{bucketName}/*' },
    { Effect: 'Allow', Action: 'iam:GetRole', Resource: ['@{roleArns}', 'arn:aws:iam::*:role/fixed'] }
  ]
})

describe('renderPolicyTemplate', () => {
  it('substitutes a string inside a string and splices a stringList into its array', () => {
    const r = renderPolicyTemplate(TEMPLATE, [
      { name: 'bucketName', values: ['customer-data'], type: 'string' },
      { name: 'roleArns', values: ['arn:aws:iam::1:role/a', 'arn:aws:iam::1:role/b'], type: 'stringList' }
    ])
    expect(r.ok).toBe(true)
    const policy = JSON.parse((r as { text: string }).text)
    expect(policy.Statement[0].Resource).toBe('arn:aws:s3:::customer-data/*')
    expect(policy.Statement[1].Resource).toEqual(['arn:aws:iam::1:role/a', 'arn:aws:iam::1:role/b', 'arn:aws:iam::*:role/fixed'])
  })

  it('refuses a missing, an unused, a duplicated or a misplaced parameter', () => {
    const bucket = { name: 'bucketName', values: ['b'], type: 'string' as const }
    const roles = { name: 'roleArns', values: ['r'], type: 'stringList' as const }
    expect(renderPolicyTemplate(TEMPLATE, [bucket])).toEqual({ ok: false, message: 'Missing value for policy template parameter roleArns.' })
    expect(renderPolicyTemplate(TEMPLATE, [bucket, roles, { name: 'extra1', values: ['x'], type: 'string' }]))
      .toEqual({ ok: false, message: 'Policy parameter extra1 is not used by the policy template.' })
    expect(renderPolicyTemplate(TEMPLATE, [bucket, bucket, roles]).ok).toBe(false)
    expect(renderPolicyTemplate(TEMPLATE, [{ ...bucket, values: ['a', 'b'] }, roles]))
      .toEqual({ ok: false, message: 'Policy parameter bucketName of type string must have exactly one value.' })
    expect(renderPolicyTemplate(TEMPLATE, [{ ...bucket, type: 'stringList' }, roles]))
      .toEqual({ ok: false, message: 'Policy parameter bucketName of type stringList must be a whole string value.' })
  })

  it('refuses a rendering over 2048 characters', () => {
    const r = renderPolicyTemplate(TEMPLATE, [
      { name: 'bucketName', values: ['x'.repeat(2000)], type: 'string' },
      { name: 'roleArns', values: ['r'], type: 'stringList' }
    ])
    expect(r.ok).toBe(false)
  })
})
