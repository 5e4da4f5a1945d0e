import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServiceLinkedRole } from '../service-linked-roles/create-service-linked-role.js'
import { createTestContext, type TestContext } from '../shared/testing.js'
import { createRole } from './create-role.js'
import { deleteRole } from './delete-role.js'
import { expectAwsError } from './expect-aws-error.js'
import { getRole } from './get-role.js'
import { listRoles } from './list-roles.js'
import { deleteRolePermissionsBoundary, putRolePermissionsBoundary } from './role-permissions-boundary.js'
import { listRoleTags, tagRole, untagRole } from './role-tags.js'
import { updateAssumeRolePolicy } from './update-assume-role-policy.js'
import { updateRole, updateRoleDescription } from './update-role.js'

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]
})
const ACCT = '123456789012'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- outputs are model-shaped records
type Out = any

describe('role operations', () => {
  let ctx: TestContext
  beforeEach(async () => {
    ctx = await createTestContext()
  })
  afterEach(async () => ctx.store.close())

  const create = (RoleName: string, extra: Record<string, unknown> = {}): Promise<Out> =>
    createRole.handler({ RoleName, AssumeRolePolicyDocument: TRUST, ...extra }, ctx)

  it('CreateRole returns the role with an AROA id, its ARN with path and the URL-encoded trust policy', async () => {
    const out: Out = await create('Trainer', { Path: '/ml/', Description: 'EC2 training', Tags: [{ Key: 'team', Value: 'ml' }] })
    expect(out.Role.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/)
    expect(out.Role.Arn).toBe(`arn:aws:iam::${ACCT}:role/ml/Trainer`)
    expect(out.Role.Path).toBe('/ml/')
    expect(out.Role.AssumeRolePolicyDocument).toBe(encodeURIComponent(TRUST))
    expect(out.Role.MaxSessionDuration).toBe(3600)
    expect(out.Role.Description).toBe('EC2 training')
    expect(out.Role.Tags).toEqual([{ Key: 'team', Value: 'ml' }])
    expect(out.Role.CreateDate).toBeInstanceOf(Date)
  })

  it('CreateRole is authorized on the new role ARN with the tag and boundary condition keys', async () => {
    const input = { RoleName: 'R', Path: '/a/', AssumeRolePolicyDocument: TRUST, Tags: [{ Key: 'k', Value: 'v' }], PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }
    expect(await createRole.resource?.(input, ctx)).toBe(`arn:aws:iam::${ACCT}:role/a/R`)
    expect(await createRole.conditionContext?.(input, ctx)).toEqual({
      'aws:RequestTag/k': 'v',
      'aws:TagKeys': ['k'],
      'iam:PermissionsBoundary': 'arn:aws:iam::aws:policy/ReadOnlyAccess'
    })
  })

  it('CreateRole refuses a duplicate name case-insensitively', async () => {
    await create('Trainer')
    await expectAwsError(create('TRAINER'), 'EntityAlreadyExists', 'Role with name TRAINER already exists.')
  })

  it('CreateRole refuses a trust policy naming a user of this account that does not exist, and stores nothing', async () => {
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:user/nosuch` }, Action: 'sts:AssumeRole' }] })
    await expectAwsError(createRole.handler({ RoleName: 'R', AssumeRolePolicyDocument: doc }, ctx), 'MalformedPolicyDocument',
      `Invalid principal in policy: "AWS":"arn:aws:iam::${ACCT}:user/nosuch"`)
    expect(await ctx.store.getRole('R')).toBeUndefined()
  })

  it('CreateRole checks the permissions boundary exists', async () => {
    await expectAwsError(create('R', { PermissionsBoundary: `arn:aws:iam::${ACCT}:policy/nosuch` }), 'NoSuchEntity',
      `Scope ARN: arn:aws:iam::${ACCT}:policy/nosuch does not exist or is not attachable.`)
    await expectAwsError(create('R', { PermissionsBoundary: 'not-an-arn' }), 'InvalidInput', 'ARN not-an-arn is not valid.')
    const out: Out = await create('R', { PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })
    expect(out.Role.PermissionsBoundary).toEqual({ PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })
  })

  it('GetRole returns RoleLastUsed (empty, then with date and region) and NoSuchEntity for a missing role', async () => {
    await create('R', { Path: '/p/' })
    let out: Out = await getRole.handler({ RoleName: 'r' }, ctx)
    expect(out.Role.RoleName).toBe('R')
    expect(out.Role.RoleLastUsed).toEqual({})
    expect(await getRole.resource?.({ RoleName: 'R' }, ctx)).toBe(`arn:aws:iam::${ACCT}:role/p/R`)
    const used = new Date('2024-05-01T10:00:00Z')
    await ctx.store.recordRoleUsed('R', used, 'eu-west-1')
    out = await getRole.handler({ RoleName: 'R' }, ctx)
    expect(out.Role.RoleLastUsed).toEqual({ LastUsedDate: used, Region: 'eu-west-1' })
    await expectAwsError(getRole.handler({ RoleName: 'Nope' }, ctx), 'NoSuchEntity', 'The role with name Nope cannot be found.')
  })

  it('ListRoles filters by PathPrefix, pages with Marker/MaxItems and leaves out Tags, boundary and last use', async () => {
    await create('A', { Path: '/ml/', Tags: [{ Key: 'k', Value: 'v' }] })
    await create('B', { Path: '/ml/' })
    await create('C')
    const all: Out = await listRoles.handler({}, ctx)
    expect(all.Roles.map((r: Out) => r.RoleName)).toEqual(['A', 'B', 'C'])
    expect(all.IsTruncated).toBe(false)
    expect(all.Roles[0]).not.toHaveProperty('Tags')
    expect(all.Roles[0]).not.toHaveProperty('RoleLastUsed')
    const ml: Out = await listRoles.handler({ PathPrefix: '/ml/' }, ctx)
    expect(ml.Roles.map((r: Out) => r.RoleName)).toEqual(['A', 'B'])
    const first: Out = await listRoles.handler({ MaxItems: 2 }, ctx)
    expect(first.IsTruncated).toBe(true)
    const second: Out = await listRoles.handler({ MaxItems: 2, Marker: first.Marker }, ctx)
    expect(second.Roles.map((r: Out) => r.RoleName)).toEqual(['C'])
    expect(second.IsTruncated).toBe(false)
    expect(second).not.toHaveProperty('Marker')
  })

  it('UpdateRole and UpdateRoleDescription change description and MaxSessionDuration', async () => {
    await create('R', { Description: 'old' })
    expect(await updateRole.handler({ RoleName: 'R', MaxSessionDuration: 43200 }, ctx)).toEqual({})
    let role = await ctx.store.getRole('R')
    expect(role?.maxSessionDuration).toBe(43200)
    expect(role?.description).toBe('old')
    const out: Out = await updateRoleDescription.handler({ RoleName: 'R', Description: 'new' }, ctx)
    expect(out.Role.Description).toBe('new')
    role = await ctx.store.getRole('R')
    expect(role?.maxSessionDuration).toBe(43200)
    await expectAwsError(updateRole.handler({ RoleName: 'Nope' }, ctx), 'NoSuchEntity', 'The role with name Nope cannot be found.')
  })

  it('UpdateAssumeRolePolicy validates like CreateRole and stores the new document', async () => {
    await create('R')
    const next = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] })
    await updateAssumeRolePolicy.handler({ RoleName: 'R', PolicyDocument: next }, ctx)
    expect((await ctx.store.getRole('R'))?.assumeRolePolicyDocument).toBe(next)
    const bad = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:role/Gone` }, Action: 'sts:AssumeRole' }] })
    await expectAwsError(updateAssumeRolePolicy.handler({ RoleName: 'R', PolicyDocument: bad }, ctx), 'MalformedPolicyDocument',
      `Invalid principal in policy: "AWS":"arn:aws:iam::${ACCT}:role/Gone"`)
    expect((await ctx.store.getRole('R'))?.assumeRolePolicyDocument).toBe(next)
  })

  it('DeleteRole refuses while policies are attached or the role is in an instance profile', async () => {
    await create('R')
    await ctx.store.attachPolicy({ type: 'role', name: 'R' }, 'arn:aws:iam::aws:policy/ReadOnlyAccess')
    await expectAwsError(deleteRole.handler({ RoleName: 'R' }, ctx), 'DeleteConflict', 'Cannot delete entity, must detach all policies first.')
    await ctx.store.detachPolicy({ type: 'role', name: 'R' }, 'arn:aws:iam::aws:policy/ReadOnlyAccess')
    await ctx.store.createInstanceProfile({ name: 'P' })
    await ctx.store.addRoleToInstanceProfile('P', 'R')
    await expectAwsError(deleteRole.handler({ RoleName: 'R' }, ctx), 'DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.')
    await ctx.store.removeRoleFromInstanceProfile('P', 'R')
    await deleteRole.handler({ RoleName: 'R' }, ctx)
    expect(await ctx.store.getRole('R')).toBeUndefined()
    await expectAwsError(deleteRole.handler({ RoleName: 'R' }, ctx), 'NoSuchEntity', 'The role with name R cannot be found.')
  })

  it('service-linked roles cannot be updated, have their trust policy or boundary changed, or be deleted', async () => {
    await createServiceLinkedRole.handler({ AWSServiceName: 'spot.amazonaws.com' }, ctx)
    const message = "Cannot perform the operation on the protected role 'AWSServiceRoleForEC2Spot' - this role is only modifiable by AWS"
    const RoleName = 'AWSServiceRoleForEC2Spot'
    await expectAwsError(updateRole.handler({ RoleName, Description: 'x' }, ctx), 'UnmodifiableEntity', message)
    await expectAwsError(updateRoleDescription.handler({ RoleName, Description: 'x' }, ctx), 'UnmodifiableEntity', message)
    await expectAwsError(updateAssumeRolePolicy.handler({ RoleName, PolicyDocument: TRUST }, ctx), 'UnmodifiableEntity', message)
    await expectAwsError(putRolePermissionsBoundary.handler({ RoleName, PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, ctx), 'UnmodifiableEntity', message)
    await expectAwsError(deleteRolePermissionsBoundary.handler({ RoleName }, ctx), 'UnmodifiableEntity', message)
    await expectAwsError(deleteRole.handler({ RoleName }, ctx), 'UnmodifiableEntity', message)
    expect(await ctx.store.getRole(RoleName)).toBeDefined()
  })

  it('TagRole, UntagRole and ListRoleTags (with paging and condition keys)', async () => {
    await create('R')
    await tagRole.handler({ RoleName: 'R', Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }, { Key: 'c', Value: '3' }] }, ctx)
    await tagRole.handler({ RoleName: 'R', Tags: [{ Key: 'A', Value: 'one' }] }, ctx)
    const page1: Out = await listRoleTags.handler({ RoleName: 'R', MaxItems: 2 }, ctx)
    expect(page1).toEqual({ Tags: [{ Key: 'A', Value: 'one' }, { Key: 'b', Value: '2' }], IsTruncated: true, Marker: '2' })
    const page2: Out = await listRoleTags.handler({ RoleName: 'R', MaxItems: 2, Marker: page1.Marker }, ctx)
    expect(page2).toEqual({ Tags: [{ Key: 'c', Value: '3' }], IsTruncated: false })
    await untagRole.handler({ RoleName: 'R', TagKeys: ['b', 'nope'] }, ctx)
    expect((await listRoleTags.handler({ RoleName: 'R' }, ctx) as Out).Tags.map((t: Out) => t.Key)).toEqual(['A', 'c'])
    expect(await untagRole.conditionContext?.({ RoleName: 'R', TagKeys: ['b'] }, ctx)).toEqual({ 'aws:TagKeys': ['b'] })
    await expectAwsError(tagRole.handler({ RoleName: 'Nope', Tags: [{ Key: 'a', Value: '1' }] }, ctx), 'NoSuchEntity')
    await expectAwsError(listRoleTags.handler({ RoleName: 'R', Marker: 'garbage' }, ctx), 'InvalidInput')
  })

  it('PutRolePermissionsBoundary and DeleteRolePermissionsBoundary', async () => {
    await create('R')
    const arn = 'arn:aws:iam::aws:policy/PowerUserAccess'
    expect(await putRolePermissionsBoundary.conditionContext?.({ RoleName: 'R', PermissionsBoundary: arn }, ctx)).toEqual({ 'iam:PermissionsBoundary': arn })
    await putRolePermissionsBoundary.handler({ RoleName: 'R', PermissionsBoundary: arn }, ctx)
    expect((await getRole.handler({ RoleName: 'R' }, ctx) as Out).Role.PermissionsBoundary.PermissionsBoundaryArn).toBe(arn)
    expect(await deleteRolePermissionsBoundary.conditionContext?.({ RoleName: 'R' }, ctx)).toEqual({ 'iam:PermissionsBoundary': arn })
    await deleteRolePermissionsBoundary.handler({ RoleName: 'R' }, ctx)
    expect((await getRole.handler({ RoleName: 'R' }, ctx) as Out).Role).not.toHaveProperty('PermissionsBoundary')
    await expectAwsError(putRolePermissionsBoundary.handler({ RoleName: 'R', PermissionsBoundary: 'arn:aws:iam::aws:policy/NoSuchPolicyAnywhere' }, ctx),
      'NoSuchEntity', 'Scope ARN: arn:aws:iam::aws:policy/NoSuchPolicyAnywhere does not exist or is not attachable.')
  })
})
