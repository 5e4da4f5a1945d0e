import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectAwsError } from '../roles/expect-aws-error.js'
import { createTestContext, type TestContext } from '../shared/testing.js'
import { createInstanceProfile } from './create-instance-profile.js'
import { deleteInstanceProfile } from './delete-instance-profile.js'
import { getInstanceProfile } from './get-instance-profile.js'
import { addRoleToInstanceProfile, removeRoleFromInstanceProfile } from './instance-profile-roles.js'
import { listInstanceProfileTags, tagInstanceProfile, untagInstanceProfile } from './instance-profile-tags.js'
import { listInstanceProfiles, listInstanceProfilesForRole } from './list-instance-profiles.js'

const ACCT = '123456789012'
const TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- outputs are model-shaped records
type Out = any

describe('instance profile operations', () => {
  let ctx: TestContext
  beforeEach(async () => {
    ctx = await createTestContext()
    await ctx.store.createRole({ name: 'Trainer', path: '/ml/', assumeRolePolicyDocument: TRUST, tags: [{ key: 'k', value: 'v' }] })
  })
  afterEach(async () => ctx.store.close())

  it('CreateInstanceProfile returns an AIPA id, the ARN with path, no roles, and is authorized on that ARN with tag keys', async () => {
    const input = { InstanceProfileName: 'TrainerProfile', Path: '/ml/', Tags: [{ Key: 'team', Value: 'ml' }] }
    const out: Out = await createInstanceProfile.handler(input, ctx)
    expect(out.InstanceProfile.InstanceProfileId).toMatch(/^AIPA[A-Z0-9]{17}$/)
    expect(out.InstanceProfile.Arn).toBe(`arn:aws:iam::${ACCT}:instance-profile/ml/TrainerProfile`)
    expect(out.InstanceProfile.Roles).toEqual([])
    expect(out.InstanceProfile.Tags).toEqual([{ Key: 'team', Value: 'ml' }])
    expect(await createInstanceProfile.resource?.(input, ctx)).toBe(`arn:aws:iam::${ACCT}:instance-profile/ml/TrainerProfile`)
    expect(await createInstanceProfile.conditionContext?.(input, ctx)).toEqual({ 'aws:RequestTag/team': 'ml', 'aws:TagKeys': ['team'] })
    await expectAwsError(createInstanceProfile.handler({ InstanceProfileName: 'trainerprofile' }, ctx), 'EntityAlreadyExists', 'Instance Profile trainerprofile already exists.')
  })

  it('AddRoleToInstanceProfile holds one role, needs iam:PassRole on it, and GetInstanceProfile shows it', async () => {
    await createInstanceProfile.handler({ InstanceProfileName: 'P' }, ctx)
    await addRoleToInstanceProfile.handler({ InstanceProfileName: 'P', RoleName: 'Trainer' }, ctx)
    expect(ctx.authorizations).toEqual([{ action: 'iam:PassRole', resource: `arn:aws:iam::${ACCT}:role/ml/Trainer`, context: undefined }])
    const out: Out = await getInstanceProfile.handler({ InstanceProfileName: 'P' }, ctx)
    expect(out.InstanceProfile.Roles).toHaveLength(1)
    expect(out.InstanceProfile.Roles[0].RoleName).toBe('Trainer')
    expect(out.InstanceProfile.Roles[0].AssumeRolePolicyDocument).toBe(encodeURIComponent(TRUST))
    expect(out.InstanceProfile.Roles[0]).not.toHaveProperty('Tags')
    await ctx.store.createRole({ name: 'Other', assumeRolePolicyDocument: TRUST })
    await expectAwsError(addRoleToInstanceProfile.handler({ InstanceProfileName: 'P', RoleName: 'Other' }, ctx), 'LimitExceeded',
      'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1')
    await expectAwsError(addRoleToInstanceProfile.handler({ InstanceProfileName: 'P', RoleName: 'Nope' }, ctx), 'NoSuchEntity', 'The role with name Nope cannot be found.')
    await expectAwsError(addRoleToInstanceProfile.handler({ InstanceProfileName: 'Nope', RoleName: 'Other' }, ctx), 'NoSuchEntity', 'Instance Profile Nope cannot be found.')
  })

  it('AddRoleToInstanceProfile fails when iam:PassRole is denied, and adds nothing', async () => {
    const denied = new Error('denied')
    const c2 = await createTestContext({ store: ctx.store, deny: { action: 'iam:PassRole', error: denied } })
    await createInstanceProfile.handler({ InstanceProfileName: 'P' }, ctx)
    await expect(addRoleToInstanceProfile.handler({ InstanceProfileName: 'P', RoleName: 'Trainer' }, c2)).rejects.toBe(denied)
    expect((await ctx.store.getInstanceProfile('P'))?.roles).toEqual([])
  })

  it('DeleteInstanceProfile refuses while it holds a role; RemoveRoleFromInstanceProfile frees it', async () => {
    await createInstanceProfile.handler({ InstanceProfileName: 'P' }, ctx)
    await addRoleToInstanceProfile.handler({ InstanceProfileName: 'P', RoleName: 'Trainer' }, ctx)
    await expectAwsError(deleteInstanceProfile.handler({ InstanceProfileName: 'P' }, ctx), 'DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.')
    await removeRoleFromInstanceProfile.handler({ InstanceProfileName: 'P', RoleName: 'Trainer' }, ctx)
    await expectAwsError(removeRoleFromInstanceProfile.handler({ InstanceProfileName: 'P', RoleName: 'Trainer' }, ctx), 'NoSuchEntity')
    await deleteInstanceProfile.handler({ InstanceProfileName: 'P' }, ctx)
    await expectAwsError(getInstanceProfile.handler({ InstanceProfileName: 'P' }, ctx), 'NoSuchEntity', 'Instance Profile P cannot be found.')
    await expectAwsError(deleteInstanceProfile.handler({ InstanceProfileName: 'P' }, ctx), 'NoSuchEntity', 'Instance Profile P cannot be found.')
  })

  it('ListInstanceProfiles (PathPrefix, paging) and ListInstanceProfilesForRole', async () => {
    await createInstanceProfile.handler({ InstanceProfileName: 'A', Path: '/ml/', Tags: [{ Key: 'k', Value: 'v' }] }, ctx)
    await createInstanceProfile.handler({ InstanceProfileName: 'B' }, ctx)
    await createInstanceProfile.handler({ InstanceProfileName: 'C', Path: '/ml/' }, ctx)
    await addRoleToInstanceProfile.handler({ InstanceProfileName: 'C', RoleName: 'Trainer' }, ctx)
    const all: Out = await listInstanceProfiles.handler({}, ctx)
    expect(all.InstanceProfiles.map((p: Out) => p.InstanceProfileName)).toEqual(['A', 'B', 'C'])
    expect(all.InstanceProfiles[0]).not.toHaveProperty('Tags')
    const ml: Out = await listInstanceProfiles.handler({ PathPrefix: '/ml/' }, ctx)
    expect(ml.InstanceProfiles.map((p: Out) => p.InstanceProfileName)).toEqual(['A', 'C'])
    const page1: Out = await listInstanceProfiles.handler({ MaxItems: 1 }, ctx)
    expect(page1.IsTruncated).toBe(true)
    const page2: Out = await listInstanceProfiles.handler({ MaxItems: 5, Marker: page1.Marker }, ctx)
    expect(page2.InstanceProfiles.map((p: Out) => p.InstanceProfileName)).toEqual(['B', 'C'])
    const forRole: Out = await listInstanceProfilesForRole.handler({ RoleName: 'trainer' }, ctx)
    expect(forRole.InstanceProfiles.map((p: Out) => p.InstanceProfileName)).toEqual(['C'])
    expect(forRole.InstanceProfiles[0].Roles[0].RoleName).toBe('Trainer')
    await expectAwsError(listInstanceProfilesForRole.handler({ RoleName: 'Nope' }, ctx), 'NoSuchEntity', 'The role with name Nope cannot be found.')
  })

  it('TagInstanceProfile, UntagInstanceProfile and ListInstanceProfileTags', async () => {
    await createInstanceProfile.handler({ InstanceProfileName: 'P' }, ctx)
    await tagInstanceProfile.handler({ InstanceProfileName: 'P', Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }, ctx)
    expect(await listInstanceProfileTags.handler({ InstanceProfileName: 'P' }, ctx)).toEqual({ Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }], IsTruncated: false })
    await untagInstanceProfile.handler({ InstanceProfileName: 'P', TagKeys: ['A'] }, ctx)
    expect(await listInstanceProfileTags.handler({ InstanceProfileName: 'P' }, ctx)).toEqual({ Tags: [{ Key: 'b', Value: '2' }], IsTruncated: false })
    expect((await getInstanceProfile.handler({ InstanceProfileName: 'P' }, ctx) as Out).InstanceProfile.Tags).toEqual([{ Key: 'b', Value: '2' }])
    await expectAwsError(tagInstanceProfile.handler({ InstanceProfileName: 'Nope', Tags: [{ Key: 'a', Value: '1' }] }, ctx), 'NoSuchEntity', 'Instance Profile Nope cannot be found.')
  })
})
