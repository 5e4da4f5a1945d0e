import { describe, expect, it } from 'vitest'
import { ACCOUNT_ID, AWS_READ_ONLY, collect, doc, expectStoreError, type Harness } from './harness.js'

/** GroupStore. */
export function groupCases(h: Harness): void {
  describe('groups', () => {
    it('creates, reads, renames and deletes a group', async () => {
      const s = h.store()
      const g = await s.createGroup({ name: 'ML_Engineers', path: '/teams/' })
      expect(g.id).toMatch(/^AGPA[A-Z0-9]{17}$/)
      expect(g.arn).toBe(`arn:aws:iam::${ACCOUNT_ID}:group/teams/ML_Engineers`)
      expect(await s.getGroup('ml_engineers')).toEqual(g)
      await expectStoreError(s.createGroup({ name: 'ML_ENGINEERS' }), 'AlreadyExists')
      const renamed = await s.updateGroup('ML_Engineers', { newName: 'ML_Admins' })
      expect(renamed).toMatchObject({ id: g.id, name: 'ML_Admins', path: '/teams/' })
      await s.deleteGroup('ml_admins')
      expect(await s.getGroup('ML_Admins')).toBeUndefined()
      await expectStoreError(s.deleteGroup('ML_Admins'), 'NotFound')
    })

    it('membership: add is idempotent, lists both ways, remove of a non-member is NotFound', async () => {
      const s = h.store()
      await s.createGroup({ name: 'analysts' })
      await s.createGroup({ name: 'admins' })
      await s.createUser({ name: 'bob' })
      await s.createUser({ name: 'alice' })
      await s.addUserToGroup('analysts', 'bob')
      await s.addUserToGroup('analysts', 'BOB')
      await s.addUserToGroup('analysts', 'alice')
      await s.addUserToGroup('admins', 'alice')
      expect((await s.listGroupMembers('analysts')).items.map((u) => u.name)).toEqual(['alice', 'bob'])
      expect((await s.listGroupsForUser('alice')).items.map((g) => g.name)).toEqual(['admins', 'analysts'])
      expect(await collect((m) => s.listGroupMembers('analysts', { marker: m, maxItems: 1 }))).toHaveLength(2)
      await s.removeUserFromGroup('analysts', 'bob')
      await expectStoreError(s.removeUserFromGroup('analysts', 'bob'), 'NotFound')
      await expectStoreError(s.addUserToGroup('missing', 'bob'), 'NotFound')
      await expectStoreError(s.addUserToGroup('analysts', 'missing'), 'NotFound')
      await expectStoreError(s.listGroupsForUser('missing'), 'NotFound')
    })

    it('a user can be in at most 10 groups', async () => {
      const s = h.store()
      await s.createUser({ name: 'u' })
      for (let i = 0; i < 11; i++) await s.createGroup({ name: `g${i}` })
      for (let i = 0; i < 10; i++) await s.addUserToGroup(`g${i}`, 'u')
      const err = await expectStoreError(s.addUserToGroup('g10', 'u'), 'LimitExceeded')
      expect(err.message).toBe('Cannot exceed quota for GroupsPerUser: 10')
    })

    it('a group with members or policies cannot be deleted', async () => {
      const s = h.store()
      await s.createGroup({ name: 'g' })
      await s.createUser({ name: 'u' })
      await s.addUserToGroup('g', 'u')
      expect((await expectStoreError(s.deleteGroup('g'), 'Conflict')).message).toBe('Cannot delete entity, must remove users from group first.')
      await s.removeUserFromGroup('g', 'u')
      await s.attachPolicy({ type: 'group', name: 'g' }, AWS_READ_ONLY)
      await expectStoreError(s.deleteGroup('g'), 'Conflict')
      await s.detachPolicy({ type: 'group', name: 'g' }, AWS_READ_ONLY)
      await s.putInlinePolicy({ type: 'group', name: 'g' }, 'p', doc())
      await expectStoreError(s.deleteGroup('g'), 'Conflict')
      await s.deleteInlinePolicy({ type: 'group', name: 'g' }, 'p')
      await s.deleteGroup('g')
    })
  })
}
