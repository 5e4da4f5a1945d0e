import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isStoreError } from '../../store/index.js'
import { isIamError } from '../shared/errors.js'
import { createTestContext, type TestContext } from '../shared/testing.js'
import { createPolicy } from './create-policy.js'
import { deletePolicy } from './delete-policy.js'
import { getPolicy } from './get-policy.js'
import { listPolicies } from './list-policies.js'
import { createPolicyVersion, deletePolicyVersion, getPolicyVersion, listPolicyVersions, setDefaultPolicyVersion } from './policy-versions.js'
import { listPolicyTags, tagPolicy, untagPolicy } from './policy-tags.js'

const DOC = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}'
const ARN = 'arn:aws:iam::123456789012:policy/ml/train'

let ctx: TestContext
beforeEach(async () => { ctx = await createTestContext() })
afterEach(async () => { await ctx.store.close() })

async function create(): Promise<void> {
  await createPolicy.handler({ PolicyName: 'train', Path: '/ml/', PolicyDocument: DOC, Description: 'd', Tags: [{ Key: 't', Value: 'v' }] }, ctx)
}

describe('CreatePolicy / GetPolicy', () => {
  it('creates a customer policy authorized on its ARN and reads it back', async () => {
    expect(await createPolicy.resource?.({ PolicyName: 'train', Path: '/ml/', PolicyDocument: DOC }, ctx)).toBe(ARN)
    await create()
    const { Policy } = await getPolicy.handler({ PolicyArn: ARN }, ctx)
    expect(Policy).toMatchObject({ PolicyName: 'train', Arn: ARN, Path: '/ml/', DefaultVersionId: 'v1', AttachmentCount: 0, IsAttachable: true, Description: 'd', Tags: [{ Key: 't', Value: 'v' }] })
    expect(Policy.PolicyId).toMatch(/^ANPA/)
  })

  it('refuses a malformed document', async () => {
    const err = await createPolicy.handler({ PolicyName: 'x', PolicyDocument: '{"Version":"2012-10-17","Statement":[]' }, ctx).catch((e: unknown) => e)
    expect(isIamError(err, 'MalformedPolicyDocument') && err.message).toBe('Syntax errors in policy.')
  })

  it('reads AWS managed policies, service-role paths too, with a stable ANPA id', async () => {
    const { Policy } = await getPolicy.handler({ PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole' }, ctx)
    expect(Policy).toMatchObject({ PolicyName: 'AWSBatchServiceRole', Path: '/service-role/', IsAttachable: true })
    expect(Policy.PolicyId).toMatch(/^ANPA[A-Z0-9]{17}$/)
    const err = await getPolicy.handler({ PolicyArn: 'arn:aws:iam::aws:policy/NoSuchThing' }, ctx).catch((e: unknown) => e)
    expect(isIamError(err, 'NoSuchEntity') && err.message).toBe('Policy arn:aws:iam::aws:policy/NoSuchThing was not found.')
  })
})

describe('versions', () => {
  it('creates up to 5 versions, switches the default and protects it', async () => {
    await create()
    for (let i = 2; i <= 5; i++) {
      const { PolicyVersion } = await createPolicyVersion.handler({ PolicyArn: ARN, PolicyDocument: DOC, SetAsDefault: i === 3 }, ctx)
      expect(PolicyVersion).toMatchObject({ VersionId: `v${i}`, IsDefaultVersion: i === 3 })
      expect(PolicyVersion.Document).toBeUndefined()
    }
    const err = await createPolicyVersion.handler({ PolicyArn: ARN, PolicyDocument: DOC }, ctx).catch((e: unknown) => e)
    expect(isStoreError(err, 'LimitExceeded') && err.message)
      .toBe('A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.')
    expect((await listPolicyVersions.handler({ PolicyArn: ARN }, ctx)).Versions.map((v: { VersionId: string }) => v.VersionId)).toEqual(['v5', 'v4', 'v3', 'v2', 'v1'])
    const conflict = await deletePolicyVersion.handler({ PolicyArn: ARN, VersionId: 'v3' }, ctx).catch((e: unknown) => e)
    expect(isStoreError(conflict, 'Conflict') && conflict.message).toBe('Cannot delete the default version of a policy.')
    await setDefaultPolicyVersion.handler({ PolicyArn: ARN, VersionId: 'v1' }, ctx)
    await deletePolicyVersion.handler({ PolicyArn: ARN, VersionId: 'v3' }, ctx)
    const { PolicyVersion } = await getPolicyVersion.handler({ PolicyArn: ARN, VersionId: 'v1' }, ctx)
    expect(PolicyVersion).toMatchObject({ IsDefaultVersion: true, Document: encodeURIComponent(DOC) })
  })

  it('refuses to delete a policy with non-default versions', async () => {
    await create()
    await createPolicyVersion.handler({ PolicyArn: ARN, PolicyDocument: DOC }, ctx)
    const err = await deletePolicy.handler({ PolicyArn: ARN }, ctx).catch((e: unknown) => e)
    expect(isStoreError(err, 'Conflict') && err.message)
      .toBe("This policy has more than one version. Before you delete a policy, you must delete the policy's non-default versions.")
    await deletePolicyVersion.handler({ PolicyArn: ARN, VersionId: 'v2' }, ctx)
    await deletePolicy.handler({ PolicyArn: ARN }, ctx)
    expect(await ctx.store.getPolicy(ARN)).toBeUndefined()
  })

  it('serves the default version of an AWS managed policy', async () => {
    const arn = 'arn:aws:iam::aws:policy/ReadOnlyAccess'
    const { Policy } = await getPolicy.handler({ PolicyArn: arn }, ctx)
    const { PolicyVersion } = await getPolicyVersion.handler({ PolicyArn: arn, VersionId: Policy.DefaultVersionId }, ctx)
    expect(JSON.parse(decodeURIComponent(PolicyVersion.Document ?? '')).Version).toBe('2012-10-17')
    const err = await getPolicyVersion.handler({ PolicyArn: arn, VersionId: 'v1' }, ctx).catch((e: unknown) => e)
    expect(isIamError(err, 'NoSuchEntity')).toBe(Policy.DefaultVersionId !== 'v1')
  })
})

describe('tags', () => {
  it('tags and untags a policy', async () => {
    await create()
    await tagPolicy.handler({ PolicyArn: ARN, Tags: [{ Key: 'a', Value: 'b' }] }, ctx)
    await untagPolicy.handler({ PolicyArn: ARN, TagKeys: ['t'] }, ctx)
    expect((await listPolicyTags.handler({ PolicyArn: ARN }, ctx)).Tags).toEqual([{ Key: 'a', Value: 'b' }])
  })
})

describe('ListPolicies', () => {
  it('lists Local, AWS and All with markers across both lists', async () => {
    await create()
    const arns = (page: { Policies: { Arn: string }[] }): string[] => page.Policies.map((p) => p.Arn)
    const local = await listPolicies.handler({ Scope: 'Local' }, ctx)
    expect(arns(local)).toEqual([ARN])
    expect(local.Policies.map((p) => p.Description)).toEqual([undefined])
    const aws = arns(await listPolicies.handler({ Scope: 'AWS', MaxItems: 4 }, ctx))
    const first = await listPolicies.handler({ Scope: 'AWS', MaxItems: 3 }, ctx)
    expect(arns(first)).toEqual(aws.slice(0, 3))
    expect(first.IsTruncated).toBe(true)
    const next = await listPolicies.handler({ Scope: 'AWS', MaxItems: 1, Marker: first.Marker }, ctx)
    expect(arns(next)).toEqual(aws.slice(3, 4))
    const all = await listPolicies.handler({ MaxItems: 2 }, ctx)
    expect(arns(all)).toEqual([ARN, aws[0]])
    const allNext = await listPolicies.handler({ MaxItems: 2, Marker: all.Marker }, ctx)
    expect(arns(allNext)).toEqual(aws.slice(1, 3))
  })

  it('hides deprecated AWS policies and filters OnlyAttached with usage counts', async () => {
    const aws = await listPolicies.handler({ Scope: 'AWS', MaxItems: 1000, PathPrefix: '/' }, ctx)
    expect(aws.Policies.some((p: { PolicyName: string }) => p.PolicyName === 'AWSLambdaFullAccess')).toBe(false)
    await ctx.store.createUser({ name: 'u' })
    await ctx.store.attachPolicy({ type: 'user', name: 'u' }, 'arn:aws:iam::aws:policy/ReadOnlyAccess')
    const attached = await listPolicies.handler({ Scope: 'All', OnlyAttached: true }, ctx)
    expect(attached.Policies.map((p: { Arn: string; AttachmentCount: number }) => [p.Arn, p.AttachmentCount]))
      .toEqual([['arn:aws:iam::aws:policy/ReadOnlyAccess', 1]])
    const boundaries = await listPolicies.handler({ OnlyAttached: true, PolicyUsageFilter: 'PermissionsBoundary' }, ctx)
    expect(boundaries.Policies).toEqual([])
  })
})
