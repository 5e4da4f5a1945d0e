/**
 * Users, groups, managed and inline policies end to end: @aws-sdk/client-iam against a
 * running Warden, signed with the root keys (and a user's keys where the caller matters).
 */
import {
  AddUserToGroupCommand, AttachGroupPolicyCommand, AttachRolePolicyCommand, AttachUserPolicyCommand, CreateGroupCommand,
  CreatePolicyCommand, CreatePolicyVersionCommand, CreateRoleCommand, CreateUserCommand, DeleteGroupCommand,
  DeleteGroupPolicyCommand, DeletePolicyCommand, DeletePolicyVersionCommand, DeleteRolePolicyCommand, DeleteUserCommand,
  DeleteUserPermissionsBoundaryCommand, DeleteUserPolicyCommand, DetachGroupPolicyCommand, DetachRolePolicyCommand,
  DetachUserPolicyCommand, GetGroupCommand, GetGroupPolicyCommand, GetPolicyCommand, GetPolicyVersionCommand,
  GetRolePolicyCommand, GetUserCommand, GetUserPolicyCommand, IAMClient, ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand, ListAttachedUserPoliciesCommand, ListEntitiesForPolicyCommand, ListGroupPoliciesCommand,
  ListGroupsCommand, ListGroupsForUserCommand, ListPoliciesCommand, ListPolicyTagsCommand, ListPolicyVersionsCommand,
  ListRolePoliciesCommand, ListUserPoliciesCommand, ListUserTagsCommand, ListUsersCommand, PutGroupPolicyCommand,
  PutRolePolicyCommand, PutUserPermissionsBoundaryCommand, PutUserPolicyCommand, RemoveUserFromGroupCommand,
  SetDefaultPolicyVersionCommand, TagPolicyCommand, TagUserCommand, UntagPolicyCommand, UntagUserCommand, UpdateGroupCommand,
  UpdateUserCommand
} from '@aws-sdk/client-iam'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createUserWithKeys, TEST_ACCOUNT_ID } from '../helpers/warden.js'
import { expectAwsError, useWarden } from '../helpers/use-warden.js'

const DOC = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] })
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] })
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess'

const warden = useWarden()
const account = TEST_ACCOUNT_ID
let iam: IAMClient
beforeAll(() => {
  iam = warden.iam()
})


describe('users', () => {
  it('creates, reads, lists, renames, tags and deletes users', async () => {
    const created = await iam.send(new CreateUserCommand({ UserName: 'alice', Path: '/eng/', Tags: [{ Key: 'team', Value: 'ml' }] }))
    expect(created.User).toMatchObject({ UserName: 'alice', Path: '/eng/', Arn: `arn:aws:iam::${account}:user/eng/alice`, Tags: [{ Key: 'team', Value: 'ml' }] })
    expect(created.User?.UserId).toMatch(/^AIDA[A-Z0-9]{17}$/)
    expect(created.User?.CreateDate).toBeInstanceOf(Date)
    await expectAwsError(iam.send(new CreateUserCommand({ UserName: 'ALICE' })), 'EntityAlreadyExists', 409, 'User with name ALICE already exists.')

    const got = await iam.send(new GetUserCommand({ UserName: 'alice' }))
    expect(got.User?.UserId).toBe(created.User?.UserId)
    await expectAwsError(iam.send(new GetUserCommand({ UserName: 'ghost' })), 'NoSuchEntity', 404, 'The user with name ghost cannot be found.')

    await iam.send(new CreateUserCommand({ UserName: 'bob', Path: '/eng/' }))
    await iam.send(new CreateUserCommand({ UserName: 'carol', Path: '/ops/' }))
    const page1 = await iam.send(new ListUsersCommand({ PathPrefix: '/eng/', MaxItems: 1 }))
    expect(page1.Users?.map((u) => u.UserName)).toEqual(['alice'])
    expect(page1.IsTruncated).toBe(true)
    const page2 = await iam.send(new ListUsersCommand({ PathPrefix: '/eng/', Marker: page1.Marker }))
    expect(page2.Users?.map((u) => u.UserName)).toEqual(['bob'])
    expect(page2.IsTruncated).toBe(false)

    await iam.send(new UpdateUserCommand({ UserName: 'carol', NewUserName: 'carla', NewPath: '/eng/' }))
    expect((await iam.send(new GetUserCommand({ UserName: 'carla' }))).User?.Arn).toBe(`arn:aws:iam::${account}:user/eng/carla`)

    await iam.send(new TagUserCommand({ UserName: 'alice', Tags: [{ Key: 'env', Value: 'dev' }] }))
    await iam.send(new UntagUserCommand({ UserName: 'alice', TagKeys: ['team'] }))
    expect((await iam.send(new ListUserTagsCommand({ UserName: 'alice' }))).Tags).toEqual([{ Key: 'env', Value: 'dev' }])

    await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'alice', PermissionsBoundary: READ_ONLY }))
    expect((await iam.send(new GetUserCommand({ UserName: 'alice' }))).User?.PermissionsBoundary)
      .toEqual({ PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: READ_ONLY })
    await expectAwsError(iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'alice', PermissionsBoundary: `arn:aws:iam::${account}:policy/none` })),
      'NoSuchEntity', 404, `Scope ARN: arn:aws:iam::${account}:policy/none does not exist or is not attachable.`)
    await iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'alice' }))
    expect((await iam.send(new GetUserCommand({ UserName: 'alice' }))).User?.PermissionsBoundary).toBeUndefined()

    await iam.send(new DeleteUserCommand({ UserName: 'bob' }))
    await expectAwsError(iam.send(new GetUserCommand({ UserName: 'bob' })), 'NoSuchEntity', 404)
  })

  it('refuses to delete a user that still has policies, groups or keys', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'u' }))
    await iam.send(new PutUserPolicyCommand({ UserName: 'u', PolicyName: 'p', PolicyDocument: DOC }))
    await expectAwsError(iam.send(new DeleteUserCommand({ UserName: 'u' })), 'DeleteConflict', 409, 'Cannot delete entity, must delete policies first.')
    await iam.send(new DeleteUserPolicyCommand({ UserName: 'u', PolicyName: 'p' }))
    await iam.send(new AttachUserPolicyCommand({ UserName: 'u', PolicyArn: READ_ONLY }))
    await expectAwsError(iam.send(new DeleteUserCommand({ UserName: 'u' })), 'DeleteConflict', 409, 'Cannot delete entity, must detach all policies first.')
    await iam.send(new DetachUserPolicyCommand({ UserName: 'u', PolicyArn: READ_ONLY }))
    await iam.send(new CreateGroupCommand({ GroupName: 'g' }))
    await iam.send(new AddUserToGroupCommand({ GroupName: 'g', UserName: 'u' }))
    await expectAwsError(iam.send(new DeleteUserCommand({ UserName: 'u' })), 'DeleteConflict', 409, 'Cannot delete entity, must remove users from group first.')
    await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'g', UserName: 'u' }))
    await iam.send(new DeleteUserCommand({ UserName: 'u' }))
  })

  it('answers GetUser without a name for the calling user, and authorizes every call', async () => {
    const user = await createUserWithKeys(warden, 'reader', { managedPolicyArns: ['arn:aws:iam::aws:policy/IAMReadOnlyAccess'] })
    const asReader = warden.iam(user.credentials)
    expect((await asReader.send(new GetUserCommand({}))).User?.UserName).toBe('reader')
    expect((await asReader.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies).toEqual([])
    await expectAwsError(asReader.send(new CreateUserCommand({ UserName: 'x', Path: '/a/' })), 'AccessDenied', 403,
      `User: arn:aws:iam::${account}:user/reader is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${account}:user/a/x because no identity-based policy allows the iam:CreateUser action`)
    await expectAwsError(asReader.send(new AttachUserPolicyCommand({ UserName: 'reader', PolicyArn: READ_ONLY })), 'AccessDenied', 403)
  })
})

describe('groups', () => {
  it('creates groups, manages members and deletes them', async () => {
    const created = await iam.send(new CreateGroupCommand({ GroupName: 'ML_Engineers', Path: '/ml/' }))
    expect(created.Group).toMatchObject({ GroupName: 'ML_Engineers', Path: '/ml/', Arn: `arn:aws:iam::${account}:group/ml/ML_Engineers` })
    expect(created.Group?.GroupId).toMatch(/^AGPA[A-Z0-9]{17}$/)
    await expectAwsError(iam.send(new CreateGroupCommand({ GroupName: 'ml_engineers' })), 'EntityAlreadyExists', 409)
    await iam.send(new CreateGroupCommand({ GroupName: 'Analysts' }))

    for (const name of ['u1', 'u2', 'u3']) {
      await iam.send(new CreateUserCommand({ UserName: name }))
      await iam.send(new AddUserToGroupCommand({ GroupName: 'ML_Engineers', UserName: name }))
    }
    const first = await iam.send(new GetGroupCommand({ GroupName: 'ML_Engineers', MaxItems: 2 }))
    expect(first.Group?.GroupName).toBe('ML_Engineers')
    expect(first.Users?.map((u) => u.UserName)).toEqual(['u1', 'u2'])
    expect(first.IsTruncated).toBe(true)
    const rest = await iam.send(new GetGroupCommand({ GroupName: 'ML_Engineers', Marker: first.Marker }))
    expect(rest.Users?.map((u) => u.UserName)).toEqual(['u3'])

    expect((await iam.send(new ListGroupsCommand({}))).Groups?.map((g) => g.GroupName)).toEqual(['Analysts', 'ML_Engineers'])
    expect((await iam.send(new ListGroupsCommand({ PathPrefix: '/ml/' }))).Groups?.map((g) => g.GroupName)).toEqual(['ML_Engineers'])
    expect((await iam.send(new ListGroupsForUserCommand({ UserName: 'u1' }))).Groups?.map((g) => g.GroupName)).toEqual(['ML_Engineers'])

    await expectAwsError(iam.send(new DeleteGroupCommand({ GroupName: 'ML_Engineers' })), 'DeleteConflict', 409,
      'Cannot delete entity, must remove users from group first.')
    for (const name of ['u1', 'u2', 'u3']) await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'ML_Engineers', UserName: name }))
    await iam.send(new UpdateGroupCommand({ GroupName: 'ML_Engineers', NewGroupName: 'ML_Admins' }))
    expect((await iam.send(new GetGroupCommand({ GroupName: 'ML_Admins' }))).Group?.Arn).toBe(`arn:aws:iam::${account}:group/ml/ML_Admins`)
    await iam.send(new DeleteGroupCommand({ GroupName: 'ML_Admins' }))
    await expectAwsError(iam.send(new GetGroupCommand({ GroupName: 'ML_Admins' })), 'NoSuchEntity', 404, 'The group with name ML_Admins cannot be found.')
  })
})

describe('managed policies', () => {
  it('creates, reads, versions, tags and deletes a customer policy', async () => {
    const created = await iam.send(new CreatePolicyCommand({ PolicyName: 'train', Path: '/ml/', PolicyDocument: DOC, Description: 'training', Tags: [{ Key: 'a', Value: 'b' }] }))
    const arn = `arn:aws:iam::${account}:policy/ml/train`
    expect(created.Policy).toMatchObject({ PolicyName: 'train', Arn: arn, DefaultVersionId: 'v1', AttachmentCount: 0, IsAttachable: true })
    expect(created.Policy?.PolicyId).toMatch(/^ANPA[A-Z0-9]{17}$/)
    await expectAwsError(iam.send(new CreatePolicyCommand({ PolicyName: 'TRAIN', PolicyDocument: DOC })), 'EntityAlreadyExists', 409,
      'A policy called TRAIN already exists. Duplicate names are not allowed.')
    await expectAwsError(iam.send(new CreatePolicyCommand({ PolicyName: 'bad', PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}' })),
      'MalformedPolicyDocument', 400, 'Policy statement must contain actions.')
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy).toMatchObject({ Description: 'training', Tags: [{ Key: 'a', Value: 'b' }] })

    for (let i = 2; i <= 5; i++) {
      const v = await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: DOC, SetAsDefault: i === 3 }))
      expect(v.PolicyVersion).toMatchObject({ VersionId: `v${i}`, IsDefaultVersion: i === 3 })
    }
    await expectAwsError(iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: DOC })), 'LimitExceeded', 409,
      'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.')
    expect((await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions?.map((v) => v.VersionId)).toEqual(['v5', 'v4', 'v3', 'v2', 'v1'])
    const v3 = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v3' }))
    expect(v3.PolicyVersion?.IsDefaultVersion).toBe(true)
    expect(JSON.parse(decodeURIComponent(v3.PolicyVersion?.Document ?? ''))).toEqual(JSON.parse(DOC))
    await expectAwsError(iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v3' })), 'DeleteConflict', 409,
      'Cannot delete the default version of a policy.')
    await iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }))
    await expectAwsError(iam.send(new DeletePolicyCommand({ PolicyArn: arn })), 'DeleteConflict', 409,
      "This policy has more than one version. Before you delete a policy, you must delete the policy's non-default versions.")
    for (const v of ['v2', 'v3', 'v4', 'v5']) await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: v }))

    await iam.send(new TagPolicyCommand({ PolicyArn: arn, Tags: [{ Key: 'c', Value: 'd' }] }))
    await iam.send(new UntagPolicyCommand({ PolicyArn: arn, TagKeys: ['a'] }))
    expect((await iam.send(new ListPolicyTagsCommand({ PolicyArn: arn }))).Tags).toEqual([{ Key: 'c', Value: 'd' }])

    await iam.send(new DeletePolicyCommand({ PolicyArn: arn }))
    await expectAwsError(iam.send(new GetPolicyCommand({ PolicyArn: arn })), 'NoSuchEntity', 404, `Policy ${arn} was not found.`)
  })

  it('serves AWS managed policies by ARN, service-role paths included', async () => {
    const batch = await iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole' }))
    expect(batch.Policy).toMatchObject({ PolicyName: 'AWSBatchServiceRole', Path: '/service-role/', IsAttachable: true })
    const id = batch.Policy?.PolicyId
    expect(id).toMatch(/^ANPA[A-Z0-9]{17}$/)
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole' }))).Policy?.PolicyId).toBe(id)
    const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn: READ_ONLY, VersionId: (await iam.send(new GetPolicyCommand({ PolicyArn: READ_ONLY }))).Policy?.DefaultVersionId }))
    expect(JSON.parse(decodeURIComponent(version.PolicyVersion?.Document ?? '')).Version).toBe('2012-10-17')
    await expectAwsError(iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/NoSuchPolicy' })), 'NoSuchEntity', 404)
  })

  it('lists policies by scope, usage and path, paging across customer and AWS policies', async () => {
    await iam.send(new CreatePolicyCommand({ PolicyName: 'mine', PolicyDocument: DOC }))
    const local = await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))
    expect(local.Policies?.map((p) => p.PolicyName)).toEqual(['mine'])
    const aws = await iam.send(new ListPoliciesCommand({ Scope: 'AWS', PathPrefix: '/service-role/', MaxItems: 1000 }))
    expect(aws.Policies?.length).toBeGreaterThan(10)
    expect(aws.Policies?.every((p) => p.Arn?.startsWith('arn:aws:iam::aws:policy/service-role/'))).toBe(true)
    const first = await iam.send(new ListPoliciesCommand({ MaxItems: 2 }))
    expect(first.Policies?.[0]?.PolicyName).toBe('mine')
    expect(first.IsTruncated).toBe(true)
    const second = await iam.send(new ListPoliciesCommand({ MaxItems: 2, Marker: first.Marker }))
    expect(second.Policies).toHaveLength(2)
    expect(second.Policies?.[0]?.Arn).not.toBe(first.Policies?.[1]?.Arn)

    await iam.send(new CreateUserCommand({ UserName: 'u' }))
    await iam.send(new AttachUserPolicyCommand({ UserName: 'u', PolicyArn: READ_ONLY }))
    const attached = await iam.send(new ListPoliciesCommand({ OnlyAttached: true }))
    expect(attached.Policies?.map((p) => [p.Arn, p.AttachmentCount])).toEqual([[READ_ONLY, 1]])
    const boundaries = await iam.send(new ListPoliciesCommand({ OnlyAttached: true, PolicyUsageFilter: 'PermissionsBoundary' }))
    expect(boundaries.Policies).toEqual([])
  })
})

describe('attachments', () => {
  beforeEach(async () => {
    await iam.send(new CreateUserCommand({ UserName: 'u' }))
    await iam.send(new CreateGroupCommand({ GroupName: 'g' }))
    await iam.send(new CreateRoleCommand({ RoleName: 'r', Path: '/svc/', AssumeRolePolicyDocument: TRUST }))
  })

  it('attaches, lists and detaches for users, groups and roles, with ListEntitiesForPolicy', async () => {
    const arn = (await iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: DOC }))).Policy?.Arn ?? ''
    await iam.send(new AttachUserPolicyCommand({ UserName: 'u', PolicyArn: arn }))
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'g', PolicyArn: arn }))
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: arn }))
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: READ_ONLY }))
    expect((await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'u' }))).AttachedPolicies).toEqual([{ PolicyName: 'p', PolicyArn: arn }])
    expect((await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'g' }))).AttachedPolicies).toEqual([{ PolicyName: 'p', PolicyArn: arn }])
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'r' }))).AttachedPolicies?.map((p) => p.PolicyName)).toEqual(['p', 'ReadOnlyAccess'])
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.AttachmentCount).toBe(3)

    const entities = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }))
    expect(entities.PolicyUsers?.map((e) => e.UserName)).toEqual(['u'])
    expect(entities.PolicyGroups?.map((e) => e.GroupName)).toEqual(['g'])
    expect(entities.PolicyRoles?.map((e) => e.RoleName)).toEqual(['r'])
    expect(entities.PolicyRoles?.[0]?.RoleId).toMatch(/^AROA/)
    const roles = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, EntityFilter: 'Role' }))
    expect([roles.PolicyUsers, roles.PolicyGroups, roles.PolicyRoles?.length]).toEqual([[], [], 1])

    await expectAwsError(iam.send(new DeletePolicyCommand({ PolicyArn: arn })), 'DeleteConflict', 409, 'Cannot delete a policy attached to entities.')
    await expectAwsError(iam.send(new DeleteGroupCommand({ GroupName: 'g' })), 'DeleteConflict', 409, 'Cannot delete entity, must detach all policies first.')
    await iam.send(new DetachUserPolicyCommand({ UserName: 'u', PolicyArn: arn }))
    await iam.send(new DetachGroupPolicyCommand({ GroupName: 'g', PolicyArn: arn }))
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'r', PolicyArn: arn }))
    await expectAwsError(iam.send(new DetachRolePolicyCommand({ RoleName: 'r', PolicyArn: arn })), 'NoSuchEntity', 404, `Policy ${arn} was not found.`)
    await iam.send(new DeletePolicyCommand({ PolicyArn: arn }))
  })

  it('refuses deprecated, missing and service-linked role policies, and enforces the quota', async () => {
    await expectAwsError(iam.send(new AttachUserPolicyCommand({ UserName: 'u', PolicyArn: 'arn:aws:iam::aws:policy/AWSLambdaFullAccess' })), 'NoSuchEntity', 404,
      'Policy arn:aws:iam::aws:policy/AWSLambdaFullAccess does not exist or is not attachable.')
    await expectAwsError(iam.send(new AttachGroupPolicyCommand({ GroupName: 'g', PolicyArn: `arn:aws:iam::${account}:policy/none` })), 'NoSuchEntity', 404,
      `Policy arn:aws:iam::${account}:policy/none does not exist or is not attachable.`)
    await expectAwsError(iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: 'arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy' })),
      'PolicyNotAttachable', 400, 'Cannot attach a Service Role Policy to a Customer Role.')
    const page = await iam.send(new ListPoliciesCommand({ Scope: 'AWS', PathPrefix: '/job-function/', MaxItems: 11 }))
    const arns = (page.Policies ?? []).map((p) => p.Arn ?? '')
    expect(arns.length).toBeGreaterThanOrEqual(11)
    for (const arn of arns.slice(0, 10)) await iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: arn }))
    await expectAwsError(iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: arns[10] })), 'LimitExceeded', 409,
      'Cannot exceed quota for PoliciesPerRole: 10')
  })
})

describe('inline policies', () => {
  const kinds = [
    { kind: 'user', setup: () => iam.send(new CreateUserCommand({ UserName: 'x' })), limit: 2048 },
    { kind: 'group', setup: () => iam.send(new CreateGroupCommand({ GroupName: 'x' })), limit: 5120 },
    { kind: 'role', setup: () => iam.send(new CreateRoleCommand({ RoleName: 'x', AssumeRolePolicyDocument: TRUST })), limit: 10240 }
  ] as const

  it.each(kinds)('puts, gets, lists and deletes $kind policies within the size quota', async ({ kind, setup, limit }) => {
    await setup()
    const big = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${'b'.repeat(limit)}` }] })
    const tooBig = `Maximum policy size of ${limit} bytes exceeded for ${kind} x`
    if (kind === 'user') {
      await iam.send(new PutUserPolicyCommand({ UserName: 'x', PolicyName: 'p', PolicyDocument: DOC }))
      const got = await iam.send(new GetUserPolicyCommand({ UserName: 'x', PolicyName: 'p' }))
      expect([got.UserName, got.PolicyName, decodeURIComponent(got.PolicyDocument ?? '')]).toEqual(['x', 'p', DOC])
      expect((await iam.send(new ListUserPoliciesCommand({ UserName: 'x' }))).PolicyNames).toEqual(['p'])
      await expectAwsError(iam.send(new PutUserPolicyCommand({ UserName: 'x', PolicyName: 'big', PolicyDocument: big })), 'LimitExceeded', 409, tooBig)
      await iam.send(new DeleteUserPolicyCommand({ UserName: 'x', PolicyName: 'p' }))
      await expectAwsError(iam.send(new GetUserPolicyCommand({ UserName: 'x', PolicyName: 'p' })), 'NoSuchEntity', 404, 'The user policy with name p cannot be found.')
    } else if (kind === 'group') {
      await iam.send(new PutGroupPolicyCommand({ GroupName: 'x', PolicyName: 'p', PolicyDocument: DOC }))
      const got = await iam.send(new GetGroupPolicyCommand({ GroupName: 'x', PolicyName: 'p' }))
      expect([got.GroupName, got.PolicyName, decodeURIComponent(got.PolicyDocument ?? '')]).toEqual(['x', 'p', DOC])
      expect((await iam.send(new ListGroupPoliciesCommand({ GroupName: 'x' }))).PolicyNames).toEqual(['p'])
      await expectAwsError(iam.send(new PutGroupPolicyCommand({ GroupName: 'x', PolicyName: 'big', PolicyDocument: big })), 'LimitExceeded', 409, tooBig)
      await iam.send(new DeleteGroupPolicyCommand({ GroupName: 'x', PolicyName: 'p' }))
      await expectAwsError(iam.send(new GetGroupPolicyCommand({ GroupName: 'x', PolicyName: 'p' })), 'NoSuchEntity', 404, 'The group policy with name p cannot be found.')
    } else {
      await iam.send(new PutRolePolicyCommand({ RoleName: 'x', PolicyName: 'p', PolicyDocument: DOC }))
      const got = await iam.send(new GetRolePolicyCommand({ RoleName: 'x', PolicyName: 'p' }))
      expect([got.RoleName, got.PolicyName, decodeURIComponent(got.PolicyDocument ?? '')]).toEqual(['x', 'p', DOC])
      expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'x' }))).PolicyNames).toEqual(['p'])
      await expectAwsError(iam.send(new PutRolePolicyCommand({ RoleName: 'x', PolicyName: 'big', PolicyDocument: big })), 'LimitExceeded', 409, tooBig)
      await expectAwsError(iam.send(new PutRolePolicyCommand({ RoleName: 'x', PolicyName: 'bad', PolicyDocument: '{"Version":"2012-10-17"' })),
        'MalformedPolicyDocument', 400, 'Syntax errors in policy.')
      await iam.send(new DeleteRolePolicyCommand({ RoleName: 'x', PolicyName: 'p' }))
      await expectAwsError(iam.send(new GetRolePolicyCommand({ RoleName: 'x', PolicyName: 'p' })), 'NoSuchEntity', 404, 'The role policy with name p cannot be found.')
    }
  })
})
