import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../shared/testing.js'
import { getContextKeysForCustomPolicy } from './get-context-keys-for-custom-policy.js'
import { getContextKeysForPrincipalPolicy } from './get-context-keys-for-principal-policy.js'
import { simulateCustomPolicy } from './simulate-custom-policy.js'
import { simulatePrincipalPolicy } from './simulate-principal-policy.js'
import { simulationSet } from './simulation-set.js'

const ACCT = '123456789012'
const arn = (kind: string, name: string) => `arn:aws:iam::${ACCT}:${kind}/${name}`
const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements })
const allow = (action: string | string[], resource: string | string[] = '*', extra: object = {}) => ({ Effect: 'Allow', Action: action, Resource: resource, ...extra })
const deny = (action: string | string[], resource: string | string[] = '*') => ({ Effect: 'Deny', Action: action, Resource: resource })
const READ_ONLY = 'arn:aws:iam::aws:policy/IAMReadOnlyAccess'

let ctx: TestContext
beforeEach(async () => { ctx = await createTestContext() })
afterEach(async () => { await ctx.store.close() })

async function team(): Promise<void> {
  const s = ctx.store
  await s.createPolicy({ name: 'S3Team', document: doc(allow('s3:GetObject', 'arn:aws:s3:::data/*')) })
  await s.createUser({ name: 'alice' })
  await s.createGroup({ name: 'ML_Engineers' })
  await s.addUserToGroup('ML_Engineers', 'alice')
  await s.putInlinePolicy({ type: 'user', name: 'alice' }, 'own', doc(allow('sagemaker:CreateTrainingJob'), deny('sagemaker:DeleteModel')))
  await s.putInlinePolicy({ type: 'group', name: 'ML_Engineers' }, 'team', doc(allow(['sagemaker:*', 'iam:PassRole'])))
  await s.attachPolicy({ type: 'user', name: 'alice' }, arn('policy', 'S3Team'))
  await s.attachPolicy({ type: 'group', name: 'ML_Engineers' }, READ_ONLY)
}

describe('SimulatePrincipalPolicy on a user', () => {
  it('evaluates the user\'s own, attached and group policies and names each source', async () => {
    await team()
    const out = await simulatePrincipalPolicy.handler({
      PolicySourceArn: arn('user', 'alice'),
      ActionNames: ['sagemaker:CreateTrainingJob', 's3:GetObject', 'iam:GetRole', 'sagemaker:DeleteModel', 'ec2:RunInstances']
    }, ctx)
    const by = Object.fromEntries(out.EvaluationResults.map((r) => [r.EvalActionName, r]))
    expect(out.IsTruncated).toBe(false)
    expect(by['sagemaker:CreateTrainingJob']).toMatchObject({ EvalResourceName: '*', EvalDecision: 'allowed', MissingContextValues: [] })
    expect(by['sagemaker:CreateTrainingJob']!.MatchedStatements.map((s) => [s.SourcePolicyId, s.SourcePolicyType])).toEqual([['own', 'user'], ['team', 'group']])
    expect(by['s3:GetObject']!.MatchedStatements.map((s) => [s.SourcePolicyId, s.SourcePolicyType])).toEqual([['S3Team', 'user-managed']])
    expect(by['iam:GetRole']!.MatchedStatements.map((s) => [s.SourcePolicyId, s.SourcePolicyType])).toEqual([['IAMReadOnlyAccess', 'aws-managed']])
    // An explicit deny is reported by the Deny statement only, though two Allows matched too.
    expect(by['sagemaker:DeleteModel']).toMatchObject({ EvalDecision: 'explicitDeny', MatchedStatements: [{ SourcePolicyId: 'own', SourcePolicyType: 'user' }] })
    expect(by['ec2:RunInstances']).toMatchObject({ EvalDecision: 'implicitDeny', MatchedStatements: [] })
    for (const r of out.EvaluationResults) {
      expect(r.EvalDecisionDetails).toBeUndefined()
      expect(r.ResourceSpecificResults).toBeUndefined()
      expect(r.PermissionsBoundaryDecisionDetail).toBeUndefined()
    }
  })

  it('is authorized as iam:SimulatePrincipalPolicy on the PolicySourceArn', async () => {
    expect(simulatePrincipalPolicy.resource?.({ PolicySourceArn: arn('user', 'alice'), ActionNames: [] }, ctx)).toBe(arn('user', 'alice'))
    expect(simulatePrincipalPolicy.action).toBeUndefined()
    expect(simulateCustomPolicy.resource).toBeUndefined()
    expect(getContextKeysForPrincipalPolicy.resource?.({ PolicySourceArn: arn('role', 'r') }, ctx)).toBe(arn('role', 'r'))
  })

  it('reuses the compiled set enforcement cached for the principal when nothing is added', async () => {
    await team()
    const stored = (await ctx.policySets.load('user', 'alice'))!
    const plain = simulationSet({ stored, added: [], boundary: undefined, resource: undefined })
    expect(plain.compiled).toBe(stored.compiled)
    expect(simulationSet({ stored, added: [], boundary: undefined, resource: undefined })).toBe(plain)
  })

  it('adds PolicyInputList policies, named PolicyInputList.N with type none', async () => {
    await team()
    const out = await simulatePrincipalPolicy.handler({
      PolicySourceArn: arn('user', 'alice'),
      PolicyInputList: [doc(allow('s3:PutObject')), doc(deny('s3:GetObject'))],
      ActionNames: ['s3:PutObject', 's3:GetObject'],
      ResourceArns: ['arn:aws:s3:::data/x']
    }, ctx)
    const [put, get] = out.EvaluationResults
    expect(put).toMatchObject({ EvalDecision: 'allowed', MatchedStatements: [{ SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'none' }] })
    expect(get).toMatchObject({ EvalDecision: 'explicitDeny', MatchedStatements: [{ SourcePolicyId: 'PolicyInputList.2', SourcePolicyType: 'none' }] })
  })
})

describe('SimulatePrincipalPolicy on a group and on a role', () => {
  it('a group: its own policies only, not its members\'', async () => {
    await team()
    const out = await simulatePrincipalPolicy.handler({ PolicySourceArn: arn('group', 'ML_Engineers'), ActionNames: ['sagemaker:DeleteModel', 's3:GetObject'] }, ctx)
    expect(out.EvaluationResults.map((r) => r.EvalDecision)).toEqual(['allowed', 'implicitDeny'])
    expect(out.EvaluationResults[0]!.MatchedStatements[0]).toMatchObject({ SourcePolicyId: 'team', SourcePolicyType: 'group' })
  })

  it('a role with a stored boundary: PermissionsBoundaryDecisionDetail, and PermissionsBoundaryPolicyInputList replaces the boundary', async () => {
    const s = ctx.store
    await s.createPolicy({ name: 'Bound', document: doc(allow(['s3:*', 'logs:*'])) })
    await s.createRole({ name: 'trainer', assumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }), permissionsBoundaryArn: arn('policy', 'Bound') })
    await s.putInlinePolicy({ type: 'role', name: 'trainer' }, 'work', doc(allow(['s3:GetObject', 'ec2:RunInstances'])))
    const input = { PolicySourceArn: arn('role', 'trainer'), ActionNames: ['s3:GetObject', 'ec2:RunInstances'] }
    const stored = await simulatePrincipalPolicy.handler(input, ctx)
    expect(stored.EvaluationResults.map((r) => [r.EvalDecision, r.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary])).toEqual([['allowed', true], ['implicitDeny', false]])
    // The role's Allow still shows for the action the boundary stops.
    expect(stored.EvaluationResults[1]!.MatchedStatements).toMatchObject([{ SourcePolicyId: 'work', SourcePolicyType: 'role' }])
    expect(stored.EvaluationResults[0]!.MatchedStatements.map((m) => m.SourcePolicyId)).toEqual(['work', 'Bound'])
    const replaced = await simulatePrincipalPolicy.handler({ ...input, PermissionsBoundaryPolicyInputList: [doc(allow('ec2:*'))] }, ctx)
    expect(replaced.EvaluationResults.map((r) => [r.EvalDecision, r.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary])).toEqual([['implicitDeny', false], ['allowed', true]])
    expect(replaced.EvaluationResults[1]!.MatchedStatements.map((m) => [m.SourcePolicyId, m.SourcePolicyType])).toEqual([['work', 'role'], ['PermissionsBoundaryPolicyInputList.1', 'none']])
  })
})

describe('resources, resource policies and accounts', () => {
  const bucketPolicy = (effect: string, principal: string) => doc({ Effect: effect, Principal: { AWS: principal }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared/*' })

  it('gives one result per action with ResourceSpecificResults, the most restrictive decision on top', async () => {
    await ctx.store.createUser({ name: 'bob' })
    await ctx.store.putInlinePolicy({ type: 'user', name: 'bob' }, 'p', doc(allow('s3:GetObject', 'arn:aws:s3:::data/*'), deny('s3:GetObject', 'arn:aws:s3:::data/secret/*')))
    const out = await simulatePrincipalPolicy.handler({
      PolicySourceArn: arn('user', 'bob'),
      ActionNames: ['s3:GetObject'],
      ResourceArns: ['arn:aws:s3:::data/a', 'arn:aws:s3:::data/secret/b', 'arn:aws:s3:::other/c']
    }, ctx)
    expect(out.EvaluationResults).toHaveLength(1)
    const r = out.EvaluationResults[0]!
    expect(r.EvalDecision).toBe('explicitDeny')
    expect(r.EvalResourceName).toBe('arn:aws:s3:::${BucketName}/${ObjectName}')
    expect(r.EvalDecisionDetails).toEqual({})
    expect(r.ResourceSpecificResults!.map((x) => [x.EvalResourceName, x.EvalResourceDecision, x.MatchedStatements.length])).toEqual([
      ['arn:aws:s3:::data/a', 'allowed', 1], ['arn:aws:s3:::data/secret/b', 'explicitDeny', 1], ['arn:aws:s3:::other/c', 'implicitDeny', 0]
    ])
    // On top, an explicit deny shows only the Deny statement.
    expect(r.MatchedStatements).toEqual(r.ResourceSpecificResults![1]!.MatchedStatements)
  })

  it('a resource policy naming the user grants in the same account; a role needs CallerArn', async () => {
    await ctx.store.createUser({ name: 'carol' })
    await ctx.store.createRole({ name: 'r', assumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }) })
    const base = { ActionNames: ['s3:GetObject'], ResourceArns: ['arn:aws:s3:::shared/k'], ResourcePolicy: bucketPolicy('Allow', arn('user', 'carol')) }
    const user = await simulatePrincipalPolicy.handler({ ...base, PolicySourceArn: arn('user', 'carol') }, ctx)
    expect(user.EvaluationResults[0]).toMatchObject({ EvalDecision: 'allowed', MatchedStatements: [{ SourcePolicyId: 'ResourcePolicy', SourcePolicyType: 'resource' }] })
    const err = await simulatePrincipalPolicy.handler({ ...base, PolicySourceArn: arn('role', 'r') }, ctx).catch((e: Error) => e)
    expect(err).toMatchObject({ code: 'InvalidInput', message: expect.stringMatching(/CallerArn is required/) })
    const asCarol = await simulatePrincipalPolicy.handler({ ...base, PolicySourceArn: arn('role', 'r'), CallerArn: arn('user', 'carol') }, ctx)
    expect(asCarol.EvaluationResults[0]!.EvalDecision).toBe('allowed')
    const denied = await simulateCustomPolicy.handler({ ...base, PolicyInputList: [doc(allow('s3:*'))], CallerArn: arn('user', 'carol'), ResourcePolicy: bucketPolicy('Deny', arn('user', 'carol')) }, ctx)
    expect(denied.EvaluationResults[0]).toMatchObject({ EvalDecision: 'explicitDeny', MatchedStatements: [{ SourcePolicyId: 'ResourcePolicy' }] })
  })

  it('cross-account: both sides must allow, and EvalDecisionDetails says how each decided', async () => {
    const other = 'arn:aws:iam::444455556666:root'
    const input = {
      PolicyInputList: [doc(allow('s3:GetObject'))],
      CallerArn: arn('user', 'dave'),
      ActionNames: ['s3:GetObject'],
      ResourceArns: ['arn:aws:s3:::shared/k'],
      ResourceOwner: other
    }
    const none = await simulateCustomPolicy.handler(input, ctx)
    expect(none.EvaluationResults[0]).toMatchObject({ EvalDecision: 'implicitDeny', EvalDecisionDetails: { 'IAM Policy': 'allowed', 'Resource Policy': 'implicitDeny' } })
    const granted = await simulateCustomPolicy.handler({ ...input, ResourcePolicy: bucketPolicy('Allow', arn('user', 'dave')) }, ctx)
    expect(granted.EvaluationResults[0]).toMatchObject({ EvalDecision: 'allowed', EvalDecisionDetails: { 'IAM Policy': 'allowed', 'Resource Policy': 'allowed' } })
    expect(granted.EvaluationResults[0]!.MatchedStatements.map((m) => m.SourcePolicyId)).toEqual(['ResourcePolicy', 'PolicyInputList.1'])
    // An ARN with an account field is owned by that account, whatever ResourceOwner says.
    const own = await simulateCustomPolicy.handler({ ...input, ActionNames: ['sqs:SendMessage'], PolicyInputList: [doc(allow('sqs:*'))], ResourceArns: [`arn:aws:sqs:us-east-1:${ACCT}:q`] }, ctx)
    expect(own.EvaluationResults[0]).toMatchObject({ EvalDecision: 'allowed', EvalDecisionDetails: {} })
  })
})

describe('context and paging', () => {
  it('takes every key from ContextEntries and reports the missing ones', async () => {
    const policy = doc(allow('s3:ListBucket', 'arn:aws:s3:::home', { Condition: { StringLike: { 's3:prefix': 'home/${aws:username}/*' }, Bool: { 'aws:SecureTransport': 'true' } } }))
    const input = { PolicyInputList: [policy], ActionNames: ['s3:ListBucket'], ResourceArns: ['arn:aws:s3:::home'] }
    const missing = await simulateCustomPolicy.handler(input, ctx)
    expect(missing.EvaluationResults[0]).toMatchObject({ EvalDecision: 'implicitDeny', MissingContextValues: ['s3:prefix', 'aws:SecureTransport'] })
    const given = await simulateCustomPolicy.handler({
      ...input,
      ContextEntries: [
        { ContextKeyName: 's3:prefix', ContextKeyType: 'string', ContextKeyValues: ['home/erin/notes'] },
        { ContextKeyName: 'aws:username', ContextKeyType: 'string', ContextKeyValues: ['erin'] },
        { ContextKeyName: 'aws:SecureTransport', ContextKeyType: 'boolean', ContextKeyValues: ['true'] }
      ]
    }, ctx)
    expect(given.EvaluationResults[0]).toMatchObject({ EvalDecision: 'allowed', MissingContextValues: [] })
  })

  it('pages EvaluationResults with MaxItems and Marker, evaluating only the page', async () => {
    const actions = Array.from({ length: 7 }, (_, i) => `s3:Action${i}`)
    const input = { PolicyInputList: [doc(allow('s3:Action3'))], ActionNames: actions, MaxItems: 3 }
    const seen: string[] = []
    let marker: string | undefined
    let pages = 0
    do {
      const out = await simulateCustomPolicy.handler({ ...input, ...(marker ? { Marker: marker } : {}) }, ctx)
      pages++
      seen.push(...out.EvaluationResults.map((r) => `${r.EvalActionName}=${r.EvalDecision}`))
      expect(out.IsTruncated).toBe(out.Marker !== undefined)
      marker = out.Marker
    } while (marker !== undefined)
    expect(pages).toBe(3)
    expect(seen).toEqual(actions.map((a) => `${a}=${a === 's3:Action3' ? 'allowed' : 'implicitDeny'}`))
    const err = await simulateCustomPolicy.handler({ ...input, Marker: 'bogus' }, ctx).catch((e: Error) => e)
    expect(err).toMatchObject({ code: 'InvalidInput', message: 'Invalid Marker.' })
  })
})

describe('GetContextKeysFor*Policy', () => {
  it('lists the keys of a principal\'s attached and group policies, then PolicyInputList', async () => {
    await ctx.store.createUser({ name: 'frank' })
    await ctx.store.createGroup({ name: 'g' })
    await ctx.store.addUserToGroup('g', 'frank')
    await ctx.store.putInlinePolicy({ type: 'user', name: 'frank' }, 'p', doc(allow('s3:*', 'arn:aws:s3:::${aws:username}/*')))
    await ctx.store.putInlinePolicy({ type: 'group', name: 'g' }, 'q', doc(allow('ec2:*', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } })))
    const extra = doc(allow('*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }))
    const out = await getContextKeysForPrincipalPolicy.handler({ PolicySourceArn: arn('user', 'frank'), PolicyInputList: [extra] }, ctx)
    expect(out.ContextKeyNames).toEqual(['aws:username', 'aws:RequestedRegion', 'aws:MultiFactorAuthPresent'])
    expect((await getContextKeysForCustomPolicy.handler({ PolicyInputList: [extra] }, ctx)).ContextKeyNames).toEqual(['aws:MultiFactorAuthPresent'])
  })
})
