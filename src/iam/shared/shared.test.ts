import { describe, expect, it } from 'vitest'
import { isIamError } from './errors.js'
import { awsManagedPolicyId } from './ids.js'
import { checkPolicyDocument, decodedPolicyText, encodePolicyDocument } from './policy-document.js'
import { requestTagContext } from './tags.js'

const DOC = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}'

describe('awsManagedPolicyId', () => {
  it('is ANPA + 17 base32 characters, stable per ARN', () => {
    const id = awsManagedPolicyId('arn:aws:iam::aws:policy/ReadOnlyAccess')
    expect(id).toMatch(/^ANPA[A-Z2-7]{17}$/)
    expect(awsManagedPolicyId('arn:aws:iam::aws:policy/ReadOnlyAccess')).toBe(id)
    expect(awsManagedPolicyId('arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole')).not.toBe(id)
  })
})

describe('policy documents', () => {
  it('accepts a valid managed policy and keeps its text', () => {
    const check = checkPolicyDocument(DOC, { kind: 'identity', sizeLimit: 'managed' })
    expect(check.ok && check.text).toBe(DOC)
  })

  it('decodes a URL-encoded document', () => {
    expect(decodedPolicyText(encodePolicyDocument(DOC))).toBe(DOC)
    expect(decodedPolicyText(DOC)).toBe(DOC)
  })

  it('reports MalformedPolicyDocument with IAM message', () => {
    const check = checkPolicyDocument('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}', { kind: 'identity', sizeLimit: 'managed' })
    expect(check.ok).toBe(false)
    if (!check.ok) {
      expect(isIamError(check.error, 'MalformedPolicyDocument')).toBe(true)
      expect(check.error.message).toBe('Policy statement must contain actions.')
    }
  })

  it('reports LimitExceeded past the managed size quota', () => {
    const actions = Array.from({ length: 400 }, (_, i) => `"s3:GetObject${i}"`).join(',')
    const check = checkPolicyDocument(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[${actions}],"Resource":"*"}]}`,
      { kind: 'identity', sizeLimit: 'managed' })
    expect(!check.ok && isIamError(check.error, 'LimitExceeded') && check.error.message).toBe('Cannot exceed quota for PolicySize: 6144')
  })

  it('requires Version 2012-10-17 for managed policies', () => {
    const check = checkPolicyDocument(DOC.replace('2012-10-17', '2008-10-17'), { kind: 'identity', sizeLimit: 'managed' })
    expect(!check.ok && check.error.message).toBe('Policy document must be version 2012-10-17 or greater.')
  })
})

describe('requestTagContext', () => {
  it('sets aws:TagKeys and aws:RequestTag/<key>', () => {
    expect(requestTagContext([{ Key: 'team', Value: 'ml' }])).toEqual({ 'aws:TagKeys': ['team'], 'aws:RequestTag/team': 'ml' })
    expect(requestTagContext(undefined)).toEqual({})
  })
})
