import { describe, expect, it } from 'vitest'
import { InvalidPolicyError, emptyPrincipal, policyFromObject, policyFromText, statementFromObject } from './build.js'

describe('build helpers', () => {
  it('builds a model from an object with the parser normalisation', () => {
    const policy = policyFromObject({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': true } } } })
    expect(policy.statements[0]).toMatchObject({ action: ['s3:*'], resource: ['*'], range: undefined })
    expect(policy.statements[0]?.conditions[0]?.values).toEqual(['true'])
  })

  it('builds one statement for a given kind', () => {
    const statement = statementFromObject({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }, 'trust')
    expect(statement.principal).toEqual({ ...emptyPrincipal(), service: ['ec2.amazonaws.com'] })
  })

  it('throws InvalidPolicyError naming each problem', () => {
    expect(() => policyFromText('{"Statement":{"Effect":"Allow","Action":"s3:*"}}')).toThrow(InvalidPolicyError)
    expect(() => statementFromObject({ Effect: 'Allow', Action: 's3:*' })).toThrow(/\$\.Statement\[0\]: a statement needs a non-empty `Resource`/)
  })
})
