/**
 * Roles, instance profiles and service-linked roles end to end: @aws-sdk/client-iam
 * against a running Warden, signed with the root keys (and a user's keys where the
 * caller's permissions matter).
 */
import {
  AddRoleToInstanceProfileCommand, AttachRolePolicyCommand, CreateInstanceProfileCommand, CreateRoleCommand,
  CreateServiceLinkedRoleCommand, DeleteInstanceProfileCommand, DeleteRoleCommand, DeleteRolePermissionsBoundaryCommand,
  DeleteServiceLinkedRoleCommand, DetachRolePolicyCommand, GetInstanceProfileCommand, GetRoleCommand,
  GetServiceLinkedRoleDeletionStatusCommand, IAMClient, ListAttachedRolePoliciesCommand, ListInstanceProfilesCommand,
  ListInstanceProfilesForRoleCommand, ListInstanceProfileTagsCommand, ListRolesCommand, ListRoleTagsCommand,
  PutRolePermissionsBoundaryCommand, RemoveRoleFromInstanceProfileCommand, TagInstanceProfileCommand, TagRoleCommand,
  UntagInstanceProfileCommand, UntagRoleCommand, UpdateAssumeRolePolicyCommand, UpdateRoleCommand,
  UpdateRoleDescriptionCommand
} from '@aws-sdk/client-iam'
import { beforeAll, describe, expect, it } from 'vitest'
import { createUserWithKeys, TEST_ACCOUNT_ID } from '../helpers/warden.js'
import { expectAwsError, useWarden } from '../helpers/use-warden.js'

const trust = (principal: Record<string, unknown>): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] })
const EC2_TRUST = trust({ Service: 'ec2.amazonaws.com' })
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess'

const warden = useWarden()
const account = TEST_ACCOUNT_ID
let iam: IAMClient
beforeAll(() => {
  iam = warden.iam()
})


describe('roles', () => {
  it('creates, reads, lists, updates, tags and deletes a role', async () => {
    const created = await iam.send(new CreateRoleCommand({
      RoleName: 'EC2TrainingRole', Path: '/ml/', AssumeRolePolicyDocument: EC2_TRUST, Description: 'training',
      MaxSessionDuration: 7200, Tags: [{ Key: 'team', Value: 'ml' }]
    }))
    expect(created.Role).toMatchObject({
      RoleName: 'EC2TrainingRole', Path: '/ml/', Arn: `arn:aws:iam::${account}:role/ml/EC2TrainingRole`,
      Description: 'training', MaxSessionDuration: 7200
    })
    expect(created.Role?.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/)
    expect(created.Role?.CreateDate).toBeInstanceOf(Date)

    const got = await iam.send(new GetRoleCommand({ RoleName: 'ec2trainingrole' }))
    expect(got.Role?.RoleName).toBe('EC2TrainingRole')
    expect(decodeURIComponent(got.Role?.AssumeRolePolicyDocument ?? '')).toBe(EC2_TRUST)
    expect(got.Role?.Tags).toEqual([{ Key: 'team', Value: 'ml' }])

    await iam.send(new CreateRoleCommand({ RoleName: 'Other', AssumeRolePolicyDocument: EC2_TRUST }))
    const listed = await iam.send(new ListRolesCommand({ PathPrefix: '/ml/' }))
    expect(listed.Roles?.map((r) => r.RoleName)).toEqual(['EC2TrainingRole'])
    expect(listed.IsTruncated).toBe(false)
    const page1 = await iam.send(new ListRolesCommand({ MaxItems: 1 }))
    expect(page1.IsTruncated).toBe(true)
    const page2 = await iam.send(new ListRolesCommand({ MaxItems: 1, Marker: page1.Marker }))
    expect([...(page1.Roles ?? []), ...(page2.Roles ?? [])].map((r) => r.RoleName)).toEqual(['EC2TrainingRole', 'Other'])

    await iam.send(new UpdateRoleCommand({ RoleName: 'EC2TrainingRole', MaxSessionDuration: 43200 }))
    const described = await iam.send(new UpdateRoleDescriptionCommand({ RoleName: 'EC2TrainingRole', Description: 'GPU training' }))
    expect(described.Role).toMatchObject({ Description: 'GPU training', MaxSessionDuration: 43200 })

    const sagemaker = trust({ Service: ['ec2.amazonaws.com', 'sagemaker.amazonaws.com'] })
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'EC2TrainingRole', PolicyDocument: sagemaker }))
    const after = await iam.send(new GetRoleCommand({ RoleName: 'EC2TrainingRole' }))
    expect(JSON.parse(decodeURIComponent(after.Role?.AssumeRolePolicyDocument ?? '{}'))).toEqual(JSON.parse(sagemaker))

    await iam.send(new TagRoleCommand({ RoleName: 'EC2TrainingRole', Tags: [{ Key: 'cost', Value: 'gpu' }] }))
    await iam.send(new UntagRoleCommand({ RoleName: 'EC2TrainingRole', TagKeys: ['team'] }))
    const tags = await iam.send(new ListRoleTagsCommand({ RoleName: 'EC2TrainingRole' }))
    expect(tags.Tags).toEqual([{ Key: 'cost', Value: 'gpu' }])

    await iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'EC2TrainingRole', PermissionsBoundary: READ_ONLY }))
    expect((await iam.send(new GetRoleCommand({ RoleName: 'EC2TrainingRole' }))).Role?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(READ_ONLY)
    await iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: 'EC2TrainingRole' }))
    expect((await iam.send(new GetRoleCommand({ RoleName: 'EC2TrainingRole' }))).Role?.PermissionsBoundary).toBeUndefined()

    await iam.send(new DeleteRoleCommand({ RoleName: 'EC2TrainingRole' }))
    await expectAwsError(iam.send(new GetRoleCommand({ RoleName: 'EC2TrainingRole' })), 'NoSuchEntity', 404, 'The role with name EC2TrainingRole cannot be found.')
  })

  it('refuses duplicates, bad trust policies and principals that do not exist', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'R', AssumeRolePolicyDocument: EC2_TRUST }))
    await expectAwsError(iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: EC2_TRUST })), 'EntityAlreadyExists', 409, 'Role with name r already exists.')
    const nosuch = `arn:aws:iam::${account}:user/nosuch`
    await expectAwsError(iam.send(new CreateRoleCommand({ RoleName: 'X', AssumeRolePolicyDocument: trust({ AWS: nosuch }) })),
      'MalformedPolicyDocument', 400, `Invalid principal in policy: "AWS":"${nosuch}"`)
    const noPrincipal = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] })
    await expectAwsError(iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'R', PolicyDocument: noPrincipal })), 'MalformedPolicyDocument', 400)
    await expectAwsError(iam.send(new GetRoleCommand({ RoleName: 'X' })), 'NoSuchEntity', 404)
    // A role of this account that exists is a valid principal.
    await iam.send(new CreateRoleCommand({ RoleName: 'X', AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${account}:role/R` }) }))
  })

  it('refuses a tag key given twice (in any case) or beginning with aws:, and keeps the tags it had', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'tagged', AssumeRolePolicyDocument: EC2_TRUST, Tags: [{ Key: 'team', Value: 'ml' }] }))
    await expectAwsError(iam.send(new TagRoleCommand({ RoleName: 'tagged', Tags: [{ Key: 'Env', Value: 'a' }, { Key: 'env', Value: 'b' }] })),
      'InvalidInput', 400, 'Duplicate tag keys found. Please note that Tag keys are case insensitive.')
    await expectAwsError(iam.send(new TagRoleCommand({ RoleName: 'tagged', Tags: [{ Key: 'AWS:cost', Value: 'x' }] })),
      'InvalidInput', 400, "Tag keys starting with 'aws:' are reserved for internal use.")
    await expectAwsError(iam.send(new CreateRoleCommand({ RoleName: 'other', AssumeRolePolicyDocument: EC2_TRUST, Tags: [{ Key: 'x', Value: '1' }, { Key: 'X', Value: '2' }] })),
      'InvalidInput', 400)
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: 'tagged' }))).Tags).toEqual([{ Key: 'team', Value: 'ml' }])
    await expectAwsError(iam.send(new GetRoleCommand({ RoleName: 'other' })), 'NoSuchEntity', 404)
  })

  it('DeleteRole is a DeleteConflict while policies are attached or the role is in an instance profile', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'R', AssumeRolePolicyDocument: EC2_TRUST }))
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'R', PolicyArn: READ_ONLY }))
    await expectAwsError(iam.send(new DeleteRoleCommand({ RoleName: 'R' })), 'DeleteConflict', 409, 'Cannot delete entity, must detach all policies first.')
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'R', PolicyArn: READ_ONLY }))
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'P' }))
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'P', RoleName: 'R' }))
    await expectAwsError(iam.send(new DeleteRoleCommand({ RoleName: 'R' })), 'DeleteConflict', 409, 'Cannot delete entity, must remove roles from instance profile first.')
    await iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'P', RoleName: 'R' }))
    await iam.send(new DeleteRoleCommand({ RoleName: 'R' }))
  })
})

describe('instance profiles', () => {
  it('the EC2 training role in its instance profile: create, add, get, list, tag, remove, delete', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'EC2TrainingRole', AssumeRolePolicyDocument: EC2_TRUST }))
    const created = await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'EC2TrainingProfile', Path: '/ml/', Tags: [{ Key: 'a', Value: '1' }] }))
    expect(created.InstanceProfile).toMatchObject({
      InstanceProfileName: 'EC2TrainingProfile', Path: '/ml/', Arn: `arn:aws:iam::${account}:instance-profile/ml/EC2TrainingProfile`, Roles: []
    })
    expect(created.InstanceProfile?.InstanceProfileId).toMatch(/^AIPA[A-Z0-9]{17}$/)
    await expectAwsError(iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'EC2TrainingProfile' })), 'EntityAlreadyExists', 409)

    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'EC2TrainingProfile', RoleName: 'EC2TrainingRole' }))
    const got = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'EC2TrainingProfile' }))
    expect(got.InstanceProfile?.Roles?.map((r) => r.RoleName)).toEqual(['EC2TrainingRole'])
    await iam.send(new CreateRoleCommand({ RoleName: 'Second', AssumeRolePolicyDocument: EC2_TRUST }))
    await expectAwsError(iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'EC2TrainingProfile', RoleName: 'Second' })),
      'LimitExceeded', 409, 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1')

    const forRole = await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'EC2TrainingRole' }))
    expect(forRole.InstanceProfiles?.map((p) => p.InstanceProfileName)).toEqual(['EC2TrainingProfile'])
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'Elsewhere' }))
    const ml = await iam.send(new ListInstanceProfilesCommand({ PathPrefix: '/ml/' }))
    expect(ml.InstanceProfiles?.map((p) => p.InstanceProfileName)).toEqual(['EC2TrainingProfile'])
    const all = await iam.send(new ListInstanceProfilesCommand({}))
    expect(all.InstanceProfiles?.map((p) => p.InstanceProfileName)).toEqual(['EC2TrainingProfile', 'Elsewhere'])

    await iam.send(new TagInstanceProfileCommand({ InstanceProfileName: 'EC2TrainingProfile', Tags: [{ Key: 'b', Value: '2' }] }))
    await iam.send(new UntagInstanceProfileCommand({ InstanceProfileName: 'EC2TrainingProfile', TagKeys: ['a'] }))
    expect((await iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'EC2TrainingProfile' }))).Tags).toEqual([{ Key: 'b', Value: '2' }])

    await expectAwsError(iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'EC2TrainingProfile' })),
      'DeleteConflict', 409, 'Cannot delete entity, must remove roles from instance profile first.')
    await iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'EC2TrainingProfile', RoleName: 'EC2TrainingRole' }))
    await iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'EC2TrainingProfile' }))
    await expectAwsError(iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'EC2TrainingProfile' })),
      'NoSuchEntity', 404, 'Instance Profile EC2TrainingProfile cannot be found.')
  })

  it('adding a role needs iam:PassRole on it', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'R', AssumeRolePolicyDocument: EC2_TRUST }))
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'P' }))
    const user = await createUserWithKeys(warden, 'ops', {
      inlinePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:AddRoleToInstanceProfile', 'iam:GetInstanceProfile'], Resource: '*' }] })
    })
    const asOps = warden.iam(user.credentials)
    await expectAwsError(asOps.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'P', RoleName: 'R' })), 'AccessDenied', 403)
    expect((await asOps.send(new GetInstanceProfileCommand({ InstanceProfileName: 'P' }))).InstanceProfile?.Roles).toEqual([])
  })
})

describe('service-linked roles', () => {
  it('creates the Batch service-linked role as AWS does, refuses a second, deletes it with a task', async () => {
    const created = await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'batch.amazonaws.com' }))
    expect(created.Role).toMatchObject({
      RoleName: 'AWSServiceRoleForBatch', Path: '/aws-service-role/batch.amazonaws.com/',
      Arn: `arn:aws:iam::${account}:role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch`
    })
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'AWSServiceRoleForBatch' }))
    expect(attached.AttachedPolicies?.map((p) => p.PolicyArn)).toEqual(['arn:aws:iam::aws:policy/aws-service-role/BatchServiceRolePolicy'])
    await expectAwsError(iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'batch.amazonaws.com' })), 'InvalidInput', 400,
      'Service role name AWSServiceRoleForBatch has been taken in this account, please try a different suffix.')
    await expectAwsError(iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'nosuch.amazonaws.com' })), 'InvalidInput', 400)

    const protectedMessage = "Cannot perform the operation on the protected role 'AWSServiceRoleForBatch' - this role is only modifiable by AWS"
    await expectAwsError(iam.send(new DeleteRoleCommand({ RoleName: 'AWSServiceRoleForBatch' })), 'UnmodifiableEntity', 400, protectedMessage)
    await expectAwsError(iam.send(new UpdateRoleCommand({ RoleName: 'AWSServiceRoleForBatch', Description: 'x' })), 'UnmodifiableEntity', 400, protectedMessage)

    const deleted = await iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'AWSServiceRoleForBatch' }))
    expect(deleted.DeletionTaskId).toMatch(/^task\/aws-service-role\/batch\.amazonaws\.com\/AWSServiceRoleForBatch\/[0-9a-f-]{36}$/)
    const status = await iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: deleted.DeletionTaskId }))
    expect(status.Status).toBe('SUCCEEDED')
    await expectAwsError(iam.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForBatch' })), 'NoSuchEntity', 404)
  })

  it('creates the roles the training guides need, with CustomSuffix where allowed', async () => {
    const expected: [string, string][] = [
      ['spot.amazonaws.com', 'AWSServiceRoleForEC2Spot'],
      ['spotfleet.amazonaws.com', 'AWSServiceRoleForEC2SpotFleet'],
      ['ecs.amazonaws.com', 'AWSServiceRoleForECS'],
      ['sagemaker.amazonaws.com', 'AWSServiceRoleForAmazonSageMakerNotebooks'],
      ['elasticloadbalancing.amazonaws.com', 'AWSServiceRoleForElasticLoadBalancing']
    ]
    for (const [service, name] of expected) {
      const out = await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: service }))
      expect(out.Role?.RoleName).toBe(name)
      expect(out.Role?.Path).toBe(`/aws-service-role/${service}/`)
    }
    const suffixed = await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com', CustomSuffix: 'gpu' }))
    expect(suffixed.Role?.RoleName).toBe('AWSServiceRoleForAutoScaling_gpu')
    await expectAwsError(iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'spot.amazonaws.com', CustomSuffix: 'x' })), 'InvalidInput', 400,
      'Custom suffix is not allowed for spot.amazonaws.com')
  })
})
