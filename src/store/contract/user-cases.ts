import { describe, expect, it } from 'vitest'
import { ACCOUNT_ID, AWS_READ_ONLY, doc, expectStoreError, policyArn, type Harness } from './harness.js'

/** UserStore. */
export function userCases(h: Harness): void {
  describe('users', () => {
    it('creates a user with generated id, ARN, path and tags', async () => {
      const u = await h.store().createUser({ name: 'alice', path: '/ml/', tags: [{ key: 'team', value: 'vision' }] })
      expect(u.id).toMatch(/^AIDA[A-Z0-9]{17}$/)
      expect(u.arn).toBe(`arn:aws:iam::${ACCOUNT_ID}:user/ml/alice`)
      expect(u.path).toBe('/ml/')
      expect(u.tags).toEqual([{ key: 'team', value: 'vision' }])
      expect(Math.abs(u.createDate.getTime() - Date.now())).toBeLessThan(60_000)
      expect(await h.store().getUser('alice')).toEqual(u)
      expect(await h.store().getUserById(u.id)).toEqual(u)
    })

    it('keeps a caller-supplied id and defaults the path to /', async () => {
      const u = await h.store().createUser({ id: 'AIDAAAAAAAAAAAAAAAAAA', name: 'bob' })
      expect(u.id).toBe('AIDAAAAAAAAAAAAAAAAAA')
      expect(u.path).toBe('/')
    })

    it('names are unique and looked up case-insensitively', async () => {
      await h.store().createUser({ name: 'Alice' })
      const err = await expectStoreError(h.store().createUser({ name: 'ALICE' }), 'AlreadyExists')
      expect(err.message).toBe('User with name ALICE already exists.')
      expect(err.entity).toBe('user')
      expect((await h.store().getUser('alice'))?.name).toBe('Alice')
    })

    it('returns undefined for a missing user and NotFound for mutations of one', async () => {
      expect(await h.store().getUser('ghost')).toBeUndefined()
      expect(await h.store().getUserById('AIDAXXXXXXXXXXXXXXXXX')).toBeUndefined()
      const err = await expectStoreError(h.store().deleteUser('ghost'), 'NotFound')
      expect(err.message).toBe('The user with name ghost cannot be found.')
      await expectStoreError(h.store().updateUser('ghost', { newName: 'x' }), 'NotFound')
      await expectStoreError(h.store().tagUser('ghost', []), 'NotFound')
    })

    it('renames and moves a user, refusing a taken name', async () => {
      const s = h.store()
      const a = await s.createUser({ name: 'alice' })
      await s.createUser({ name: 'bob' })
      const renamed = await s.updateUser('alice', { newName: 'carol', newPath: '/x/' })
      expect(renamed).toMatchObject({ id: a.id, name: 'carol', path: '/x/', arn: `arn:aws:iam::${ACCOUNT_ID}:user/x/carol` })
      expect(await s.getUser('alice')).toBeUndefined()
      await expectStoreError(s.updateUser('carol', { newName: 'BOB' }), 'AlreadyExists')
      expect((await s.updateUser('carol', { newName: 'Carol' })).name).toBe('Carol')
    })

    it('deletes a user only when nothing references it', async () => {
      const s = h.store()
      await s.createUser({ name: 'alice' })
      await s.createGroup({ name: 'g' })
      await s.createPolicy({ name: 'p', document: doc() })

      await s.createAccessKey({ id: 'AKIAAAAAAAAAAAAAAAAA', userName: 'alice', secretCiphertext: new Uint8Array([1]) })
      expect((await expectStoreError(s.deleteUser('alice'), 'Conflict')).message).toBe('Cannot delete entity, must delete access keys first.')
      await s.deleteAccessKey('alice', 'AKIAAAAAAAAAAAAAAAAA')

      await s.putInlinePolicy({ type: 'user', name: 'alice' }, 'inline', doc())
      expect((await expectStoreError(s.deleteUser('alice'), 'Conflict')).message).toBe('Cannot delete entity, must delete policies first.')
      await s.deleteInlinePolicy({ type: 'user', name: 'alice' }, 'inline')

      await s.attachPolicy({ type: 'user', name: 'alice' }, policyArn('p'))
      expect((await expectStoreError(s.deleteUser('alice'), 'Conflict')).message).toBe('Cannot delete entity, must detach all policies first.')
      await s.detachPolicy({ type: 'user', name: 'alice' }, policyArn('p'))

      await s.addUserToGroup('g', 'alice')
      await expectStoreError(s.deleteUser('alice'), 'Conflict')
      await s.removeUserFromGroup('g', 'alice')

      await s.deleteUser('ALICE')
      expect(await s.getUser('alice')).toBeUndefined()
    })

    it('sets and removes a permissions boundary, counting customer policy usage', async () => {
      const s = h.store()
      await s.createPolicy({ name: 'boundary', document: doc() })
      await s.createUser({ name: 'alice', permissionsBoundaryArn: AWS_READ_ONLY })
      expect((await s.getUser('alice'))?.permissionsBoundaryArn).toBe(AWS_READ_ONLY)
      await s.setUserPermissionsBoundary('alice', policyArn('boundary'))
      expect((await s.getPolicy(policyArn('boundary')))?.permissionsBoundaryUsageCount).toBe(1)
      await expectStoreError(s.deletePolicy(policyArn('boundary')), 'Conflict')
      await s.setUserPermissionsBoundary('alice', undefined)
      expect((await s.getUser('alice'))?.permissionsBoundaryArn).toBeUndefined()
      expect((await s.getPolicy(policyArn('boundary')))?.permissionsBoundaryUsageCount).toBe(0)
      await expectStoreError(s.setUserPermissionsBoundary('alice', policyArn('missing')), 'NotFound')
      await expectStoreError(s.createUser({ name: 'bob', permissionsBoundaryArn: policyArn('missing') }), 'NotFound')
      expect(await s.getUser('bob')).toBeUndefined()
    })

    it('tags: overwrite case-insensitively, untag by key, quota of 50', async () => {
      const s = h.store()
      await s.createUser({ name: 'alice', tags: [{ key: 'Team', value: 'a' }] })
      await s.tagUser('alice', [{ key: 'team', value: 'b' }, { key: 'cost', value: '1' }])
      expect((await s.getUser('alice'))?.tags).toEqual([{ key: 'team', value: 'b' }, { key: 'cost', value: '1' }])
      await s.untagUser('alice', ['TEAM', 'absent'])
      expect((await s.getUser('alice'))?.tags).toEqual([{ key: 'cost', value: '1' }])
      const many = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: 'v' }))
      await expectStoreError(s.tagUser('alice', many), 'LimitExceeded')
      expect((await s.getUser('alice'))?.tags).toHaveLength(1)
      await expectStoreError(s.createUser({ name: 'bob', tags: [...many, { key: 'x', value: 'y' }] }), 'LimitExceeded')
    })
  })
}
