import { describe, expect, it } from 'vitest'
import { policyFromObject } from '../../policy/index.js'
import { AllowedActions } from './allowed-actions.js'

const allowed = (...statements: object[]): AllowedActions =>
  new AllowedActions([policyFromObject({ Version: '2012-10-17', Statement: statements })])

describe('AllowedActions', () => {
  it('counts Allow statements only, with IAM wildcards, case-insensitively', () => {
    const a = allowed({ Effect: 'Allow', Action: ['S3:Get*', 'iam:ListUsers'], Resource: '*' }, { Effect: 'Deny', Action: 'ec2:*', Resource: '*' })
    expect(['s3', 'iam', 'ec2', 'sts'].map((s) => a.allowsService(s))).toEqual([true, true, false, false])
    expect(a.allowsAction('s3', 'GetObject')).toBe(true)
    expect(a.allowsAction('s3', 'PutObject')).toBe(false)
    expect(a.allowsAction('iam', 'listusers')).toBe(true)
    expect(a.allowsAction('iam', 'ListRoles')).toBe(false)
  })

  it('`*` grants every service and action', () => {
    const all = allowed({ Effect: 'Allow', Action: '*', Resource: '*' })
    expect([all.allowsService('sagemaker'), all.allowsAction('iam', 'CreateUser')]).toEqual([true, true])
  })

  it('NotAction grants every service it does not exclude whole', () => {
    const a = allowed({ Effect: 'Allow', NotAction: ['iam:*', 's3:DeleteBucket'], Resource: '*' })
    expect([a.allowsService('iam'), a.allowsService('s3'), a.allowsService('glue')]).toEqual([false, true, true])
    expect([a.allowsAction('s3', 'DeleteBucket'), a.allowsAction('s3', 'GetObject'), a.allowsAction('iam', 'GetUser')]).toEqual([false, true, false])
  })
})
