import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isStoreError } from '../../store/index.js'
import { isIamError } from '../shared/errors.js'
import { createTestContext, type TestContext } from '../shared/testing.js'
import { createGroup } from './create-group.js'
import { deleteGroup } from './delete-group.js'
import { getGroup } from './get-group.js'
import { addUserToGroup, removeUserFromGroup } from './group-membership.js'
import { listGroups } from './list-groups.js'
import { listGroupsForUser } from './list-groups-for-user.js'
import { updateGroup } from './update-group.js'

let ctx: TestContext
beforeEach(async () => { ctx = await createTestContext() })
afterEach(async () => { await ctx.store.close() })

describe('groups', () => {
  it('creates a group with an AGPA id, authorized on its ARN', async () => {
    expect(await createGroup.resource?.({ GroupName: 'ML_Engineers', Path: '/ml/' }, ctx)).toBe('arn:aws:iam::123456789012:group/ml/ML_Engineers')
    const { Group } = await createGroup.handler({ GroupName: 'ML_Engineers', Path: '/ml/' }, ctx)
    expect(Group).toMatchObject({ GroupName: 'ML_Engineers', Path: '/ml/', Arn: 'arn:aws:iam::123456789012:group/ml/ML_Engineers' })
    expect(Group.GroupId).toMatch(/^AGPA[A-Z0-9]{17}$/)
  })

  it('adds members, pages them in GetGroup, lists groups for a user', async () => {
    await createGroup.handler({ GroupName: 'g' }, ctx)
    for (const name of ['u1', 'u2', 'u3']) {
      await ctx.store.createUser({ name })
      await addUserToGroup.handler({ GroupName: 'g', UserName: name }, ctx)
    }
    expect(await addUserToGroup.resource?.({ GroupName: 'g', UserName: 'u1' }, ctx)).toBe('arn:aws:iam::123456789012:group/g')
    const first = await getGroup.handler({ GroupName: 'g', MaxItems: 2 }, ctx)
    expect(first.Users.map((u: { UserName: string }) => u.UserName)).toEqual(['u1', 'u2'])
    expect(first.IsTruncated).toBe(true)
    const rest = await getGroup.handler({ GroupName: 'g', Marker: first.Marker }, ctx)
    expect(rest.Users.map((u: { UserName: string }) => u.UserName)).toEqual(['u3'])
    expect((await listGroupsForUser.handler({ UserName: 'u2' }, ctx)).Groups.map((g: { GroupName: string }) => g.GroupName)).toEqual(['g'])
    await removeUserFromGroup.handler({ GroupName: 'g', UserName: 'u2' }, ctx)
    expect((await listGroupsForUser.handler({ UserName: 'u2' }, ctx)).Groups).toEqual([])
  })

  it('refuses to delete a group with members', async () => {
    await createGroup.handler({ GroupName: 'g' }, ctx)
    await ctx.store.createUser({ name: 'u' })
    await addUserToGroup.handler({ GroupName: 'g', UserName: 'u' }, ctx)
    const err = await deleteGroup.handler({ GroupName: 'g' }, ctx).catch((e: unknown) => e)
    expect(isStoreError(err, 'Conflict') && err.message).toBe('Cannot delete entity, must remove users from group first.')
  })

  it('renames, lists by path and reports a missing group', async () => {
    await createGroup.handler({ GroupName: 'g', Path: '/a/' }, ctx)
    await createGroup.handler({ GroupName: 'h', Path: '/b/' }, ctx)
    await updateGroup.handler({ GroupName: 'g', NewGroupName: 'g2' }, ctx)
    expect(ctx.authorizations[0]?.resource).toBe('arn:aws:iam::123456789012:group/a/g2')
    expect((await listGroups.handler({ PathPrefix: '/a/' }, ctx)).Groups.map((g: { GroupName: string }) => g.GroupName)).toEqual(['g2'])
    const err = await getGroup.handler({ GroupName: 'g' }, ctx).catch((e: unknown) => e)
    expect(isIamError(err, 'NoSuchEntity') && err.message).toBe('The group with name g cannot be found.')
  })
})
