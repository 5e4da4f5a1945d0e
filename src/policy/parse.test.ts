import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { PolicyKind, PolicySizeLimit } from './model.js'
import { parsePolicy, validatePolicyValue, type PolicyParseOptions } from './parse.js'

interface Case {
  name: string
  kind: PolicyKind
  doc: string
  policy?: unknown
  text?: string
  sizeLimit?: PolicySizeLimit
  entityName?: string
  expect: { valid: true } | { message: string; paths: string[]; code?: string }
}

const casesDir = join(import.meta.dirname, 'cases')
const files = readdirSync(casesDir).filter((f) => f.endsWith('.json'))

describe.each(files)('%s', (file) => {
  const { cases } = JSON.parse(readFileSync(join(casesDir, file), 'utf8')) as { cases: Case[] }

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(c.doc).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//)
    const text = c.text ?? JSON.stringify(c.policy, null, 2)
    const options: PolicyParseOptions = { kind: c.kind, sizeLimit: c.sizeLimit, entityName: c.entityName }
    const result = parsePolicy(text, options)
    if ('valid' in c.expect) {
      expect(result.problems).toEqual([])
      expect(result.message).toBeUndefined()
      expect(result.policy).toBeDefined()
    } else {
      expect(result.policy).toBeUndefined()
      expect(result.message).toBe(c.expect.message)
      expect(result.code).toBe(c.expect.code ?? 'MalformedPolicyDocument')
      expect(result.problems.map((p) => p.path)).toEqual(c.expect.paths)
      for (const p of result.problems) {
        expect(p.detail, p.path).toBeTruthy()
        expect(p.issue, `${p.path} has an Access Analyzer issue code`).toMatch(/^[A-Z_]+$/)
        if (p.code === undefined) expect(p.range, `${p.path} has a range`).toBeDefined()
      }
    }
    // The same document as a JavaScript value gives the same verdict, without positions.
    if (c.policy !== undefined) {
      const fromValue = validatePolicyValue(c.policy, options)
      expect(fromValue.message).toBe(result.message)
      expect(fromValue.problems.map((p) => p.path)).toEqual(result.problems.map((p) => p.path))
      expect(fromValue.problems.every((p) => p.range === undefined)).toBe(true)
    }
  })
})

describe('parsePolicy model', () => {
  const text = [
    '{',
    '  "Version": "2012-10-17",',
    '  "Id": "ml-policy",',
    '  "Statement": [',
    '    {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::data/*"],',
    '     "Condition": {"StringEquals": {"s3:prefix": ["a", "b"], "aws:PrincipalTag/team": "ml"}, "Bool": {"aws:SecureTransport": true}, "NumericLessThan": {"s3:max-keys": 1.50}}},',
    '    {"Effect": "Deny", "NotAction": ["iam:*"], "NotResource": "*"}',
    '  ]',
    '}'
  ].join('\n')

  it('normalises elements to arrays and conditions to one clause per operator and key', () => {
    const { policy, problems } = parsePolicy(text, { kind: 'identity' })
    expect(problems).toEqual([])
    expect(policy?.version).toBe('2012-10-17')
    expect(policy?.id).toBe('ml-policy')
    const [read, deny] = policy?.statements ?? []
    expect(read).toMatchObject({ index: 0, sid: 'Read', effect: 'Allow', action: ['s3:GetObject'], resource: ['arn:aws:s3:::data/*'], notAction: undefined })
    expect(read?.conditions).toEqual([
      { operator: 'StringEquals', baseOperator: 'StringEquals', setQualifier: undefined, ifExists: false, key: 's3:prefix', values: ['a', 'b'] },
      { operator: 'StringEquals', baseOperator: 'StringEquals', setQualifier: undefined, ifExists: false, key: 'aws:PrincipalTag/team', values: ['ml'] },
      { operator: 'Bool', baseOperator: 'Bool', setQualifier: undefined, ifExists: false, key: 'aws:SecureTransport', values: ['true'] },
      { operator: 'NumericLessThan', baseOperator: 'NumericLessThan', setQualifier: undefined, ifExists: false, key: 's3:max-keys', values: ['1.50'] }
    ])
    expect(deny).toMatchObject({ index: 1, sid: undefined, effect: 'Deny', action: undefined, notAction: ['iam:*'], notResource: ['*'], conditions: [] })
  })

  it('records each statement range with 1-based lines and columns', () => {
    const { policy } = parsePolicy(text, { kind: 'identity' })
    expect(policy?.statements[0]?.range?.start).toEqual({ line: 5, column: 5, offset: text.indexOf('{"Sid"') })
    expect(policy?.statements[1]?.range).toEqual({
      start: { line: 7, column: 5, offset: text.indexOf('{"Effect": "Deny"') },
      end: { line: 7, column: 67, offset: text.indexOf('}\n  ]') + 1 }
    })
  })

  it('records an absent Version as undefined (2008-10-17 rules)', () => {
    const { policy } = parsePolicy('{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}', { kind: 'identity' })
    expect(policy?.version).toBeUndefined()
    expect(policy?.statements[0]?.index).toBe(0)
  })

  it('splits condition operators into qualifier, base and IfExists', () => {
    const { policy } = parsePolicy(
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"ForAnyValue:StringLikeIfExists":{"aws:TagKeys":"x*"}}}}',
      { kind: 'identity' }
    )
    expect(policy?.statements[0]?.conditions[0]).toEqual({
      operator: 'ForAnyValue:StringLikeIfExists',
      baseOperator: 'StringLike',
      setQualifier: 'ForAnyValue',
      ifExists: true,
      key: 'aws:TagKeys',
      values: ['x*']
    })
  })

  it('keeps principals by type in document order', () => {
    const { policy } = parsePolicy(
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":["ec2.amazonaws.com","sagemaker.amazonaws.com"],"AWS":"123456789012"}}}',
      { kind: 'trust' }
    )
    expect(policy?.statements[0]?.principal).toEqual({
      wildcard: false,
      aws: ['123456789012'],
      service: ['ec2.amazonaws.com', 'sagemaker.amazonaws.com'],
      federated: [],
      canonicalUser: []
    })
  })

  it('points a problem at the offending value', () => {
    const doc = '{\n  "Version": "2012-10-17",\n  "Statement": {\n    "Effect": "Permit",\n    "Action": "*",\n    "Resource": "*"\n  }\n}'
    const [problem] = parsePolicy(doc, { kind: 'identity' }).problems
    expect(problem?.path).toBe('$.Statement.Effect')
    expect(problem?.range).toEqual({ start: { line: 4, column: 15, offset: doc.indexOf('"Permit"') }, end: { line: 4, column: 23, offset: doc.indexOf('"Permit"') + 8 } })
  })

  it('places a JSON syntax error at its line and column', () => {
    const [problem] = parsePolicy('{\n  "Version": "2012-10-17"\n  "Statement": []\n}', { kind: 'identity' }).problems
    expect(problem?.message).toBe('Syntax errors in policy.')
    expect(problem?.range?.start).toMatchObject({ line: 3, column: 3 })
    expect(problem?.detail).toContain('line 3, column 3')
  })

  it('warns about duplicate keys and keeps the last one', () => {
    const result = parsePolicy('{"Version":"2012-10-17","Statement":{"Effect":"Deny","Effect":"Allow","Action":"*","Resource":"*"}}', { kind: 'identity' })
    expect(result.policy?.statements[0]?.effect).toBe('Allow')
    expect(result.warnings.map((w) => w.path)).toEqual(['$.Statement.Effect'])
  })

  it('lets the caller require Version 2012-10-17 explicitly', () => {
    const text2008 = '{"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}'
    expect(parsePolicy(text2008, { kind: 'identity' }).policy?.version).toBe('2008-10-17')
    expect(parsePolicy(text2008, { kind: 'identity', requireCurrentVersion: true }).message).toBe('Policy document must be version 2012-10-17 or greater.')
  })

  it('uses a raised quota in the limit message', () => {
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: '123456789012' } } })
    const result = parsePolicy(doc, { kind: 'trust', sizeLimit: 'trust', sizeQuota: 50 })
    expect(result.message).toBe('Cannot exceed quota for ACLSizePerRole: 50')
    expect(result.code).toBe('LimitExceeded')
  })
})

describe('validatePolicyValue', () => {
  it('reports values that JSON cannot hold', () => {
    const result = validatePolicyValue({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: undefined, Resource: '*' } }, { kind: 'identity' })
    expect(result.message).toBe('Syntax errors in policy.')
    expect(result.problems[0]?.path).toBe('$["Statement"]["Action"]')
  })

  it('survives cyclic objects', () => {
    const cyclic: Record<string, unknown> = { Version: '2012-10-17' }
    cyclic.Statement = cyclic
    const result = validatePolicyValue(cyclic, { kind: 'identity', sizeLimit: 'managed' })
    expect(result.message).toBe('Syntax errors in policy.')
  })
})
