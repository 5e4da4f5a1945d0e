import { describe, expect, it } from 'vitest'
import { ACCOUNT_ID, collect, expectStoreError, TRUST, type Harness } from './harness.js'

/** InstanceProfileStore. */
export function instanceProfileCases(h: Harness): void {
  describe('instance profiles', () => {
    it('creates, holds at most one role, lists, deletes', async () => {
      const s = h.store()
      const ip = await s.createInstanceProfile({ name: 'trainer', path: '/ml/', tags: [{ key: 'k', value: 'v' }] })
      expect(ip).toMatchObject({ name: 'trainer', path: '/ml/', arn: `arn:aws:iam::${ACCOUNT_ID}:instance-profile/ml/trainer`, roles: [] })
      expect(ip.id).toMatch(/^AIPA[A-Z0-9]{17}$/)
      await expectStoreError(s.createInstanceProfile({ name: 'TRAINER' }), 'AlreadyExists')
      await s.createRole({ name: 'r1', assumeRolePolicyDocument: TRUST })
      await s.createRole({ name: 'r2', assumeRolePolicyDocument: TRUST })
      await s.addRoleToInstanceProfile('trainer', 'r1')
      const err = await expectStoreError(s.addRoleToInstanceProfile('trainer', 'r2'), 'LimitExceeded')
      expect(err.message).toBe('Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1')
      const got = await s.getInstanceProfile('Trainer')
      expect(got?.roles.map((r) => r.name)).toEqual(['r1'])
      expect(got?.roles[0]).toEqual(await s.getRole('r1'))
      await s.createInstanceProfile({ name: 'other' })
      await s.addRoleToInstanceProfile('other', 'r1')
      expect((await s.listInstanceProfilesForRole('r1')).items.map((p) => p.name)).toEqual(['other', 'trainer'])
      expect((await s.listInstanceProfiles()).items.map((p) => [p.name, p.roles.length])).toEqual([['other', 1], ['trainer', 1]])
      expect((await s.listInstanceProfiles({ pathPrefix: '/ml/' })).items.map((p) => p.name)).toEqual(['trainer'])
      expect(await collect((m) => s.listInstanceProfiles({ marker: m, maxItems: 1 }))).toHaveLength(2)
      expect((await expectStoreError(s.deleteInstanceProfile('trainer'), 'Conflict')).message)
        .toBe('Cannot delete entity, must remove roles from instance profile first.')
      await s.removeRoleFromInstanceProfile('trainer', 'r1')
      await expectStoreError(s.removeRoleFromInstanceProfile('trainer', 'r1'), 'NotFound')
      await s.deleteInstanceProfile('trainer')
      expect(await s.getInstanceProfile('trainer')).toBeUndefined()
      await expectStoreError(s.deleteInstanceProfile('trainer'), 'NotFound')
      await expectStoreError(s.addRoleToInstanceProfile('other', 'ghost'), 'NotFound')
    })

    it('tags on instance profiles', async () => {
      const s = h.store()
      await s.createInstanceProfile({ name: 'ip' })
      await s.tagInstanceProfile('ip', [{ key: 'a', value: '1' }, { key: 'b', value: '2' }])
      await s.untagInstanceProfile('ip', ['a'])
      expect((await s.getInstanceProfile('ip'))?.tags).toEqual([{ key: 'b', value: '2' }])
    })
  })
}
