import { describe, expect, it } from 'vitest'
import { expectStoreError, type Harness } from './harness.js'

/** AccessKeyStore. */
export function accessKeyCases(h: Harness): void {
  describe('access keys', () => {
    it('creates a key holding the encrypted secret as given, finds it with its user', async () => {
      const s = h.store()
      const user = await s.createUser({ name: 'alice' })
      const secret = new Uint8Array([0, 1, 2, 250, 255])
      const k = await s.createAccessKey({ userName: 'ALICE', secretCiphertext: secret })
      expect(k.id).toMatch(/^AKIA[A-Z0-9]{16}$/)
      expect(k).toMatchObject({ userName: 'alice', userId: user.id, status: 'Active' })
      expect(Array.from(k.secretCiphertext)).toEqual([0, 1, 2, 250, 255])
      expect(k.lastUsed).toBeUndefined()
      const found = await s.getAccessKey(k.id)
      expect(found?.user).toEqual(user)
      expect(found?.key).toEqual(k)
      expect(await s.getAccessKey('AKIANOTTHEREXXXXXXXX')).toBeUndefined()
    })

    it('at most 2 keys per user', async () => {
      const s = h.store()
      await s.createUser({ name: 'alice' })
      await s.createAccessKey({ userName: 'alice', secretCiphertext: new Uint8Array([1]) })
      await s.createAccessKey({ userName: 'alice', secretCiphertext: new Uint8Array([2]) })
      const err = await expectStoreError(s.createAccessKey({ userName: 'alice', secretCiphertext: new Uint8Array([3]) }), 'LimitExceeded')
      expect(err.message).toBe('Cannot exceed quota for AccessKeysPerUser: 2')
      expect(await s.listAccessKeys('alice')).toHaveLength(2)
      await expectStoreError(s.createAccessKey({ userName: 'ghost', secretCiphertext: new Uint8Array([1]) }), 'NotFound')
    })

    it('updates status, records last use, deletes; keys of another user are NotFound', async () => {
      const s = h.store()
      await s.createUser({ name: 'alice' })
      await s.createUser({ name: 'bob' })
      const k = await s.createAccessKey({ id: 'AKIAEXAMPLE000000001', userName: 'alice', secretCiphertext: new Uint8Array([1]), status: 'Inactive' })
      expect(k.status).toBe('Inactive')
      await expectStoreError(s.createAccessKey({ id: 'AKIAEXAMPLE000000001', userName: 'bob', secretCiphertext: new Uint8Array([1]) }), 'AlreadyExists')
      const rev = await s.getRevision()
      await s.updateAccessKey('alice', k.id, 'Active')
      expect(await s.getRevision()).toBeGreaterThan(rev)
      expect((await s.getAccessKey(k.id))?.key.status).toBe('Active')
      await expectStoreError(s.updateAccessKey('bob', k.id, 'Inactive'), 'NotFound')
      const when = new Date('2024-01-02T03:04:05.678Z')
      const rev2 = await s.getRevision()
      await s.recordAccessKeyUsed(k.id, when, 'iam', 'us-east-1')
      expect(await s.getRevision()).toBe(rev2)
      expect((await s.listAccessKeys('alice'))[0]?.lastUsed).toEqual({ lastUsedDate: when, serviceName: 'iam', region: 'us-east-1' })
      await expectStoreError(s.recordAccessKeyUsed('AKIANOPE000000000000', when, 'iam', 'us-east-1'), 'NotFound')
      await expectStoreError(s.deleteAccessKey('bob', k.id), 'NotFound')
      await s.deleteAccessKey('alice', k.id)
      expect(await s.getAccessKey(k.id)).toBeUndefined()
      expect(await s.listAccessKeys('alice')).toEqual([])
    })
  })
}
