import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OperationSpec } from '../../server/operation.js'
import { isStoreError } from '../../store/index.js'
import { isIamError } from '../shared/errors.js'
import { createTestContext, type TestContext } from '../shared/testing.js'
import { operations } from './index.js'

const DOC = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}'
const TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'

function op(name: string): OperationSpec {
  const found = operations.find((o) => o.name === name)
  if (found === undefined) throw new Error(`no operation ${name}`)
  return found
}

let ctx: TestContext
beforeEach(async () => {
  ctx = await createTestContext({ limits: { attachedPoliciesPerPrincipal: 2 } })
  await ctx.store.createUser({ name: 'u', path: '/eng/' })
  await ctx.store.createGroup({ name: 'g' })
  await ctx.store.createRole({ name: 'r', path: '/svc/', assumeRolePolicyDocument: TRUST })
})
afterEach(async () => { await ctx.store.close() })

const KINDS = [
  { word: 'User', member: 'UserName', name: 'u', arn: 'arn:aws:iam::123456789012:user/eng/u', quota: 'PoliciesPerUser', inlineLimit: 2048 },
  { word: 'Group', member: 'GroupName', name: 'g', arn: 'arn:aws:iam::123456789012:group/g', quota: 'PoliciesPerGroup', inlineLimit: 5120 },
  { word: 'Role', member: 'RoleName', name: 'r', arn: 'arn:aws:iam::123456789012:role/svc/r', quota: 'PoliciesPerRole', inlineLimit: 10240 }
] as const

describe.each(KINDS)('$word policies', (kind) => {
  const principal = { [kind.member]: kind.name }

  it('attaches AWS and customer policies up to the quota, lists and detaches them', async () => {
    const custom = (await ctx.store.createPolicy({ name: 'p', document: DOC })).arn
    const input = { ...principal, PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }
    expect(await op(`Attach${kind.word}Policy`).resource?.(input, ctx)).toBe(kind.arn)
    expect(await op(`Attach${kind.word}Policy`).conditionContext?.(input, ctx)).toMatchObject({ 'iam:PolicyARN': input.PolicyArn })
    await op(`Attach${kind.word}Policy`).handler(input, ctx)
    await op(`Attach${kind.word}Policy`).handler({ ...principal, PolicyArn: custom }, ctx)
    const over = await op(`Attach${kind.word}Policy`).handler({ ...principal, PolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' }, ctx).catch((e: unknown) => e)
    expect(isStoreError(over, 'LimitExceeded') && over.message).toBe(`Cannot exceed quota for ${kind.quota}: 2`)
    const listed = await op(`ListAttached${kind.word}Policies`).handler(principal, ctx)
    // The store orders attachments by ARN.
    expect(listed?.AttachedPolicies).toEqual([
      { PolicyName: 'p', PolicyArn: custom },
      { PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }
    ])
    const entities = await op('ListEntitiesForPolicy').handler({ PolicyArn: custom }, ctx)
    const key = `Policy${kind.word}s`
    expect(entities?.[key]).toHaveLength(1)
    await op(`Detach${kind.word}Policy`).handler({ ...principal, PolicyArn: custom }, ctx)
    const missing = await op(`Detach${kind.word}Policy`).handler({ ...principal, PolicyArn: custom }, ctx).catch((e: unknown) => e)
    expect(isStoreError(missing, 'NotFound') && missing.message).toBe(`Policy ${custom} was not found.`)
  })

  it('refuses deprecated and missing policies', async () => {
    for (const arn of ['arn:aws:iam::aws:policy/AWSLambdaFullAccess', 'arn:aws:iam::aws:policy/NotAPolicy']) {
      const err = await op(`Attach${kind.word}Policy`).handler({ ...principal, PolicyArn: arn }, ctx).catch((e: unknown) => e)
      expect(isIamError(err, 'NoSuchEntity') && err.message).toBe(`Policy ${arn} does not exist or is not attachable.`)
    }
  })

  it('puts, gets, lists and deletes inline policies within the size quota', async () => {
    expect(await op(`Put${kind.word}Policy`).resource?.({ ...principal, PolicyName: 'inline', PolicyDocument: DOC }, ctx)).toBe(kind.arn)
    await op(`Put${kind.word}Policy`).handler({ ...principal, PolicyName: 'inline', PolicyDocument: DOC }, ctx)
    const got = await op(`Get${kind.word}Policy`).handler({ ...principal, PolicyName: 'inline' }, ctx)
    expect(got).toEqual({ [kind.member]: kind.name, PolicyName: 'inline', PolicyDocument: encodeURIComponent(DOC) })
    expect((await op(`List${kind.word}Policies`).handler(principal, ctx))?.PolicyNames).toEqual(['inline'])
    const big = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::${'b'.repeat(kind.inlineLimit)}"}]}`
    const err = await op(`Put${kind.word}Policy`).handler({ ...principal, PolicyName: 'big', PolicyDocument: big }, ctx).catch((e: unknown) => e)
    expect(isIamError(err, 'LimitExceeded') && err.message).toBe(`Maximum policy size of ${kind.inlineLimit} bytes exceeded for ${kind.word.toLowerCase()} ${kind.name}`)
    await op(`Delete${kind.word}Policy`).handler({ ...principal, PolicyName: 'inline' }, ctx)
    const gone = await op(`Get${kind.word}Policy`).handler({ ...principal, PolicyName: 'inline' }, ctx).catch((e: unknown) => e)
    expect(isIamError(gone, 'NoSuchEntity') && gone.message).toBe(`The ${kind.word.toLowerCase()} policy with name inline cannot be found.`)
  })
})

describe('protected roles and service role policies', () => {
  it('refuses a service-linked role policy for a customer role and any change to a service-linked role', async () => {
    const err = await op('AttachRolePolicy').handler({ RoleName: 'r', PolicyArn: 'arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy' }, ctx).catch((e: unknown) => e)
    expect(isIamError(err, 'PolicyNotAttachable') && err.message).toBe('Cannot attach a Service Role Policy to a Customer Role.')
    await ctx.store.createRole({ name: 'AWSServiceRoleForECS', path: '/aws-service-role/ecs.amazonaws.com/', assumeRolePolicyDocument: TRUST })
    const protectedErr = await op('PutRolePolicy').handler({ RoleName: 'AWSServiceRoleForECS', PolicyName: 'x', PolicyDocument: DOC }, ctx).catch((e: unknown) => e)
    expect(isIamError(protectedErr, 'UnmodifiableEntity')).toBe(true)
  })
})
