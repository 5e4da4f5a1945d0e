import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isStoreError } from '../../store/index.js'
import { isIamError } from '../shared/errors.js'
import { createTestContext, userCaller, type TestContext } from '../shared/testing.js'
import { createUser } from './create-user.js'
import { deleteUser } from './delete-user.js'
import { getUser } from './get-user.js'
import { listUsers } from './list-users.js'
import { updateUser } from './update-user.js'
import { deleteUserPermissionsBoundary, putUserPermissionsBoundary } from './user-permissions-boundary.js'
import { listUserTags, tagUser, untagUser } from './user-tags.js'

let ctx: TestContext
beforeEach(async () => { ctx = await createTestContext() })
afterEach(async () => { await ctx.store.close() })

describe('CreateUser', () => {
  it('returns the user with path, tags and boundary, authorized on its ARN', async () => {
    const input = { UserName: 'alice', Path: '/eng/', Tags: [{ Key: 'team', Value: 'ml' }], PermissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess' }
    expect(await createUser.resource?.(input, ctx)).toBe('arn:aws:iam::123456789012:user/eng/alice')
    expect(await createUser.conditionContext?.(input, ctx)).toEqual({
      'aws:TagKeys': ['team'], 'aws:RequestTag/team': 'ml', 'iam:PermissionsBoundary': 'arn:aws:iam::aws:policy/PowerUserAccess'
    })
    const { User } = await createUser.handler(input, ctx)
    expect(User).toMatchObject({
      UserName: 'alice', Path: '/eng/', Arn: 'arn:aws:iam::123456789012:user/eng/alice',
      Tags: [{ Key: 'team', Value: 'ml' }],
      PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: 'arn:aws:iam::aws:policy/PowerUserAccess' }
    })
    expect(User.UserId).toMatch(/^AIDA[A-Z0-9]{17}$/)
  })

  it('refuses a boundary that does not exist', async () => {
    const arn = 'arn:aws:iam::123456789012:policy/nope'
    const err = await createUser.handler({ UserName: 'bob', PermissionsBoundary: arn }, ctx).catch((e: unknown) => e)
    expect(isIamError(err, 'NoSuchEntity') && err.message).toBe(`Scope ARN: ${arn} does not exist or is not attachable.`)
  })

  it('refuses a duplicate name case-insensitively', async () => {
    await createUser.handler({ UserName: 'alice' }, ctx)
    const err = await createUser.handler({ UserName: 'ALICE' }, ctx).catch((e: unknown) => e)
    expect(isStoreError(err, 'AlreadyExists') && err.message).toBe('User with name ALICE already exists.')
  })
})

describe('GetUser', () => {
  it('answers for a named user and for the calling user', async () => {
    const { User } = await createUser.handler({ UserName: 'alice' }, ctx)
    expect((await getUser.handler({ UserName: 'alice' }, ctx)).User.UserId).toBe(User.UserId)
    const self = await createTestContext({ store: ctx.store, caller: userCaller((await ctx.store.getUser('alice'))!) })
    expect(await getUser.resource?.({}, self)).toBe('arn:aws:iam::123456789012:user/alice')
    expect((await getUser.handler({}, self)).User.UserName).toBe('alice')
  })

  it('answers root with the account as the user', async () => {
    const { User } = await getUser.handler({}, ctx)
    expect(User).toMatchObject({ UserId: '123456789012', Arn: 'arn:aws:iam::123456789012:root' })
    expect(User.UserName).toBeUndefined()
  })

  it('is NoSuchEntity for a missing user', async () => {
    const err = await getUser.handler({ UserName: 'ghost' }, ctx).catch((e: unknown) => e)
    expect(isIamError(err, 'NoSuchEntity') && err.message).toBe('The user with name ghost cannot be found.')
  })
})

describe('ListUsers / UpdateUser / DeleteUser', () => {
  it('lists by path prefix and pages', async () => {
    for (const [name, path] of [['a', '/eng/'], ['b', '/eng/'], ['c', '/ops/']] as const) await createUser.handler({ UserName: name, Path: path }, ctx)
    const first = await listUsers.handler({ PathPrefix: '/eng/', MaxItems: 1 }, ctx)
    expect(first.Users.map((u: { UserName: string }) => u.UserName)).toEqual(['a'])
    expect(first.IsTruncated).toBe(true)
    const second = await listUsers.handler({ PathPrefix: '/eng/', MaxItems: 1, Marker: first.Marker }, ctx)
    expect(second.Users.map((u: { UserName: string }) => u.UserName)).toEqual(['b'])
    expect(second.IsTruncated).toBe(false)
    expect(first.Users.map((u) => u.Tags)).toEqual([undefined])
  })

  it('renames and moves, authorizing the target ARN too', async () => {
    await createUser.handler({ UserName: 'a' }, ctx)
    await updateUser.handler({ UserName: 'a', NewUserName: 'b', NewPath: '/x/' }, ctx)
    expect(ctx.authorizations).toEqual([{ action: 'iam:UpdateUser', resource: 'arn:aws:iam::123456789012:user/x/b', context: undefined }])
    expect((await getUser.handler({ UserName: 'b' }, ctx)).User.Arn).toBe('arn:aws:iam::123456789012:user/x/b')
  })

  it('refuses to delete a user in a group, then deletes it', async () => {
    await createUser.handler({ UserName: 'a' }, ctx)
    await ctx.store.createGroup({ name: 'g' })
    await ctx.store.addUserToGroup('g', 'a')
    const err = await deleteUser.handler({ UserName: 'a' }, ctx).catch((e: unknown) => e)
    expect(isStoreError(err, 'Conflict') && err.message).toBe('Cannot delete entity, must remove users from group first.')
    await ctx.store.removeUserFromGroup('g', 'a')
    await deleteUser.handler({ UserName: 'a' }, ctx)
    expect(await ctx.store.getUser('a')).toBeUndefined()
  })
})

describe('tags and boundaries', () => {
  it('tags, lists and untags', async () => {
    await createUser.handler({ UserName: 'a', Tags: [{ Key: 'k1', Value: 'v1' }] }, ctx)
    await tagUser.handler({ UserName: 'a', Tags: [{ Key: 'K1', Value: 'v2' }, { Key: 'k2', Value: 'x' }] }, ctx)
    expect((await listUserTags.handler({ UserName: 'a' }, ctx)).Tags).toEqual([{ Key: 'K1', Value: 'v2' }, { Key: 'k2', Value: 'x' }])
    await untagUser.handler({ UserName: 'a', TagKeys: ['k1'] }, ctx)
    expect((await listUserTags.handler({ UserName: 'a' }, ctx)).Tags).toEqual([{ Key: 'k2', Value: 'x' }])
  })

  it('puts and deletes a permissions boundary', async () => {
    await createUser.handler({ UserName: 'a' }, ctx)
    const arn = 'arn:aws:iam::aws:policy/ReadOnlyAccess'
    await putUserPermissionsBoundary.handler({ UserName: 'a', PermissionsBoundary: arn }, ctx)
    expect((await getUser.handler({ UserName: 'a' }, ctx)).User.PermissionsBoundary?.PermissionsBoundaryArn).toBe(arn)
    expect(await deleteUserPermissionsBoundary.conditionContext?.({ UserName: 'a' }, ctx)).toEqual({ 'iam:PermissionsBoundary': arn })
    await deleteUserPermissionsBoundary.handler({ UserName: 'a' }, ctx)
    expect((await getUser.handler({ UserName: 'a' }, ctx)).User.PermissionsBoundary).toBeUndefined()
  })
})
