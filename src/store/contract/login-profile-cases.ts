import { describe, expect, it } from 'vitest'
import { expectStoreError, type Harness } from './harness.js'

/** LoginProfileStore. */
export function loginProfileCases(h: Harness): void {
  describe('login profiles', () => {
    it('creates, reads and deletes a profile holding the hash as given', async () => {
      const s = h.store()
      const user = await s.createUser({ name: 'Alice' })
      const rev = await s.getRevision()
      const p = await s.createLoginProfile({ userName: 'alice', passwordHash: 'scrypt$h1', passwordResetRequired: true })
      expect(p).toMatchObject({ userName: 'Alice', userId: user.id, passwordHash: 'scrypt$h1', passwordHistory: [], passwordResetRequired: true })
      expect(Math.abs(p.createDate.getTime() - Date.now())).toBeLessThan(60_000)
      expect(p.passwordLastChanged).toEqual(p.createDate)
      expect(await s.getLoginProfile('ALICE')).toEqual(p)
      expect(await s.getRevision()).toBe(rev)
      await s.deleteLoginProfile('alice')
      expect(await s.getLoginProfile('alice')).toBeUndefined()
    })

    it('one profile per user; missing user or profile is NotFound with AWS words', async () => {
      const s = h.store()
      await s.createUser({ name: 'alice' })
      await s.createLoginProfile({ userName: 'alice', passwordHash: 'h1', passwordResetRequired: false })
      const dup = await expectStoreError(s.createLoginProfile({ userName: 'ALICE', passwordHash: 'h2', passwordResetRequired: false }), 'AlreadyExists')
      expect(dup.message).toBe('Login Profile for user alice already exists.')
      expect((await s.getLoginProfile('alice'))?.passwordHash).toBe('h1')
      await expectStoreError(s.createLoginProfile({ userName: 'ghost', passwordHash: 'h', passwordResetRequired: false }), 'NotFound')
      expect(await s.getLoginProfile('ghost')).toBeUndefined()
      await s.createUser({ name: 'bob' })
      const missing = await expectStoreError(s.deleteLoginProfile('bob'), 'NotFound')
      expect(missing.message).toBe('Login Profile for User bob cannot be found.')
      await expectStoreError(s.updateLoginProfile('bob', { passwordResetRequired: true }), 'NotFound')
      await expectStoreError(s.updateLoginProfile('ghost', { passwordResetRequired: true }), 'NotFound')
    })

    it('updates fields independently; a new hash moves passwordLastChanged; ifPasswordHash guards races', async () => {
      const s = h.store()
      await s.createUser({ name: 'alice' })
      const created = await s.createLoginProfile({ userName: 'alice', passwordHash: 'h1', passwordResetRequired: false })
      await new Promise((r) => setTimeout(r, 5))
      const flagged = await s.updateLoginProfile('alice', { passwordResetRequired: true })
      expect(flagged).toMatchObject({ passwordHash: 'h1', passwordResetRequired: true })
      expect(flagged.passwordLastChanged).toEqual(created.passwordLastChanged)
      const changed = await s.updateLoginProfile('alice', { passwordHash: 'h2', passwordHistory: ['h1'], passwordResetRequired: false, ifPasswordHash: 'h1' })
      expect(changed).toMatchObject({ passwordHash: 'h2', passwordHistory: ['h1'], passwordResetRequired: false })
      expect(changed.passwordLastChanged.getTime()).toBeGreaterThan(created.passwordLastChanged.getTime())
      expect(changed.createDate).toEqual(created.createDate)
      const lost = await expectStoreError(s.updateLoginProfile('alice', { passwordHash: 'h3', ifPasswordHash: 'h1' }), 'Conflict')
      expect(lost.entity).toBe('login-profile')
      expect((await s.getLoginProfile('alice'))?.passwordHash).toBe('h2')
    })

    it('a user with a login profile cannot be deleted until it is gone; reset() empties profiles', async () => {
      const s = h.store()
      await s.createUser({ name: 'alice' })
      await s.createLoginProfile({ userName: 'alice', passwordHash: 'h', passwordResetRequired: false })
      const err = await expectStoreError(s.deleteUser('alice'), 'Conflict')
      expect(err.message).toBe('Cannot delete entity, must delete login profile first.')
      await s.reset()
      expect(await s.getUser('alice')).toBeUndefined()
      await s.createUser({ name: 'alice' })
      expect(await s.getLoginProfile('alice')).toBeUndefined()
    })
  })
}
