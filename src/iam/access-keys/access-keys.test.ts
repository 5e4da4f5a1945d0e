import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectAwsError } from '../roles/expect-aws-error.js'
import { createTestContext, userCaller, type TestContext } from '../shared/testing.js'
import { createAccessKey } from './create-access-key.js'
import { getAccessKeyLastUsed } from './get-access-key-last-used.js'
import { listAccessKeys } from './list-access-keys.js'
import { openSecret } from './secret.js'
import { deleteAccessKey, updateAccessKey } from './update-access-key.js'

const ACCT = '123456789012'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- outputs are model-shaped records
type Out = any

describe('access key operations', () => {
  let ctx: TestContext
  beforeEach(async () => {
    ctx = await createTestContext()
    await ctx.store.createUser({ name: 'dev', path: '/team/' })
  })
  afterEach(async () => ctx.store.close())

  it('CreateAccessKey returns an AKIA id of 20 characters and a 40-character secret stored only sealed', async () => {
    const out: Out = await createAccessKey.handler({ UserName: 'dev' }, ctx)
    expect(out.AccessKey.AccessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/)
    expect(out.AccessKey.SecretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/)
    expect(out.AccessKey.Status).toBe('Active')
    expect(out.AccessKey.UserName).toBe('dev')
    expect(out.AccessKey.CreateDate).toBeInstanceOf(Date)
    const stored = await ctx.store.getAccessKey(out.AccessKey.AccessKeyId)
    expect(Buffer.from(stored?.key.secretCiphertext ?? []).toString('latin1')).not.toContain(out.AccessKey.SecretAccessKey)
    expect(openSecret(ctx.keys, stored?.key.secretCiphertext ?? new Uint8Array())).toBe(out.AccessKey.SecretAccessKey)
    expect(await createAccessKey.resource?.({ UserName: 'dev' }, ctx)).toBe(`arn:aws:iam::${ACCT}:user/team/dev`)
  })

  it('allows two keys per user', async () => {
    await createAccessKey.handler({ UserName: 'dev' }, ctx)
    await createAccessKey.handler({ UserName: 'dev' }, ctx)
    await expectAwsError(createAccessKey.handler({ UserName: 'dev' }, ctx), 'LimitExceeded', 'Cannot exceed quota for AccessKeysPerUser: 2')
    await expectAwsError(createAccessKey.handler({ UserName: 'nobody' }, ctx), 'NoSuchEntity', 'The user with name nobody cannot be found.')
  })

  it('without UserName acts on the calling user; a root caller must name one', async () => {
    const user = await ctx.store.getUser('dev')
    if (user === undefined) throw new Error('setup')
    const asUser = await createTestContext({ store: ctx.store, caller: userCaller(user) })
    const out: Out = await createAccessKey.handler({}, asUser)
    expect(out.AccessKey.UserName).toBe('dev')
    expect(await createAccessKey.resource?.({}, asUser)).toBe(user.arn)
    const listed: Out = await listAccessKeys.handler({}, asUser)
    expect(listed.AccessKeyMetadata.map((k: Out) => k.AccessKeyId)).toEqual([out.AccessKey.AccessKeyId])
    await expectAwsError(createAccessKey.handler({}, ctx), 'ValidationError', 'Must specify userName when calling with non-User credentials')
  })

  it('ListAccessKeys returns metadata without secrets, oldest first, with paging', async () => {
    const a: Out = await createAccessKey.handler({ UserName: 'dev' }, ctx)
    const b: Out = await createAccessKey.handler({ UserName: 'dev' }, ctx)
    const all: Out = await listAccessKeys.handler({ UserName: 'dev' }, ctx)
    expect(all.IsTruncated).toBe(false)
    expect(all.AccessKeyMetadata.map((k: Out) => k.AccessKeyId).sort()).toEqual([a.AccessKey.AccessKeyId, b.AccessKey.AccessKeyId].sort())
    for (const k of all.AccessKeyMetadata) {
      expect(Object.keys(k).sort()).toEqual(['AccessKeyId', 'CreateDate', 'Status', 'UserName'])
    }
    const page1: Out = await listAccessKeys.handler({ UserName: 'dev', MaxItems: 1 }, ctx)
    expect(page1.IsTruncated).toBe(true)
    const page2: Out = await listAccessKeys.handler({ UserName: 'dev', MaxItems: 1, Marker: page1.Marker }, ctx)
    expect(page2.AccessKeyMetadata).toHaveLength(1)
    expect(page2.AccessKeyMetadata[0].AccessKeyId).not.toBe(page1.AccessKeyMetadata[0].AccessKeyId)
    expect(page2.IsTruncated).toBe(false)
  })

  it('UpdateAccessKey deactivates and reactivates; DeleteAccessKey removes; wrong user is NoSuchEntity', async () => {
    const key: Out = await createAccessKey.handler({ UserName: 'dev' }, ctx)
    const id = key.AccessKey.AccessKeyId
    await updateAccessKey.handler({ UserName: 'dev', AccessKeyId: id, Status: 'Inactive' }, ctx)
    expect((await ctx.store.getAccessKey(id))?.key.status).toBe('Inactive')
    await updateAccessKey.handler({ UserName: 'dev', AccessKeyId: id, Status: 'Active' }, ctx)
    expect((await ctx.store.getAccessKey(id))?.key.status).toBe('Active')
    await expectAwsError(updateAccessKey.handler({ UserName: 'dev', AccessKeyId: id, Status: 'Expired' }, ctx), 'InvalidInput')
    await ctx.store.createUser({ name: 'other' })
    await expectAwsError(deleteAccessKey.handler({ UserName: 'other', AccessKeyId: id }, ctx), 'NoSuchEntity', `The Access Key with id ${id} cannot be found`)
    await deleteAccessKey.handler({ UserName: 'dev', AccessKeyId: id }, ctx)
    expect(await ctx.store.getAccessKey(id)).toBeUndefined()
    await expectAwsError(deleteAccessKey.handler({ UserName: 'dev', AccessKeyId: id }, ctx), 'NoSuchEntity', `The Access Key with id ${id} cannot be found`)
  })

  it('GetAccessKeyLastUsed answers N/A before first use, then the recorded use', async () => {
    const key: Out = await createAccessKey.handler({ UserName: 'dev' }, ctx)
    const id = key.AccessKey.AccessKeyId
    expect(await getAccessKeyLastUsed.handler({ AccessKeyId: id }, ctx)).toEqual({ UserName: 'dev', AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } })
    expect(await getAccessKeyLastUsed.resource?.({ AccessKeyId: id }, ctx)).toBe(`arn:aws:iam::${ACCT}:user/team/dev`)
    const when = new Date('2024-06-01T12:00:00Z')
    await ctx.store.recordAccessKeyUsed(id, when, 'sts', 'us-east-1')
    expect(await getAccessKeyLastUsed.handler({ AccessKeyId: id }, ctx)).toEqual({
      UserName: 'dev', AccessKeyLastUsed: { LastUsedDate: when, ServiceName: 'sts', Region: 'us-east-1' }
    })
    await expectAwsError(getAccessKeyLastUsed.handler({ AccessKeyId: 'AKIANOSUCHKEY0000000' }, ctx), 'NoSuchEntity')
  })
})
