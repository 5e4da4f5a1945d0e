import { describe, expect, it } from 'vitest'
import { StoreError } from '../errors.js'
import { doc, expectStoreError, policyArn, type Harness } from './harness.js'

/** transaction() semantics. */
export function transactionCases(h: Harness): void {
  describe('transactions', () => {
    it('commits every step together and returns fn\'s value', async () => {
      const s = h.store()
      const out = await s.transaction(async (tx) => {
        await tx.createUser({ name: 'alice' })
        await new Promise((r) => setTimeout(r, 5))
        await tx.createGroup({ name: 'g' })
        await tx.addUserToGroup('g', 'alice')
        return 42
      })
      expect(out).toBe(42)
      expect((await s.listGroupsForUser('alice')).items.map((g) => g.name)).toEqual(['g'])
    })

    it('rolls back everything when fn throws, and rethrows the error', async () => {
      const s = h.store()
      const boom = new Error('boom')
      await expect(s.transaction(async (tx) => {
        await tx.createUser({ name: 'alice' })
        await tx.createPolicy({ name: 'p', document: doc() })
        throw boom
      })).rejects.toBe(boom)
      expect(await s.getUser('alice')).toBeUndefined()
      expect(await s.getPolicy(policyArn('p'))).toBeUndefined()
    })

    it('a failed step undoes only itself, so fn may catch and continue', async () => {
      const s = h.store()
      await s.createUser({ name: 'taken' })
      await s.transaction(async (tx) => {
        await tx.createUser({ name: 'fresh' })
        const err = await tx.createUser({ name: 'TAKEN' }).catch((e: unknown) => e)
        expect(err).toBeInstanceOf(StoreError)
        await tx.createUser({ name: 'fresh2' })
      })
      expect((await s.listUsers()).items.map((u) => u.name)).toEqual(['fresh', 'fresh2', 'taken'])
    })

    it('nested transactions roll back on their own', async () => {
      const s = h.store()
      await s.transaction(async (tx) => {
        await tx.createUser({ name: 'outer' })
        await tx.transaction(async (inner) => {
          await inner.createUser({ name: 'inner' })
          throw new Error('inner fails')
        }).catch(() => undefined)
        await tx.transaction(async (inner) => inner.createUser({ name: 'inner2' }))
      })
      expect((await s.listUsers()).items.map((u) => u.name)).toEqual(['inner2', 'outer'])
    })

    it('isolates concurrent callers: a reader sees all of an open transaction or none of it', async () => {
      const s = h.store()
      let release!: () => void
      const gate = new Promise<void>((r) => { release = r })
      let wroteA!: () => void
      const aWritten = new Promise<void>((r) => { wroteA = r })
      const tx = s.transaction(async (t) => {
        await t.createUser({ name: 'a' })
        wroteA()
        await gate
        await t.createUser({ name: 'b' })
      })
      await aWritten
      // SQLite queues the reader behind the transaction (it sees both); a pooled store reads
      // the last committed state (neither). Never half.
      const reader = s.listUsers()
      await new Promise((r) => setTimeout(r, 10))
      release()
      await tx
      expect([[], ['a', 'b']]).toContainEqual((await reader).items.map((u) => u.name))
      expect((await s.listUsers()).items.map((u) => u.name)).toEqual(['a', 'b'])
    })

    it('a finished transaction handle cannot be used', async () => {
      const s = h.store()
      let leaked: typeof s | undefined
      await s.transaction(async (tx) => { leaked = tx })
      await expect(leaked?.createUser({ name: 'late' })).rejects.toThrow()
      expect(await s.getUser('late')).toBeUndefined()
    })

    it('multi-step invariants hold inside a transaction (quota counted across steps)', async () => {
      const s = h.store()
      await s.createUser({ name: 'u' })
      await expectStoreError(s.transaction(async (tx) => {
        for (let i = 0; i < 3; i++) await tx.createAccessKey({ userName: 'u', secretCiphertext: new Uint8Array([i]) })
      }), 'LimitExceeded')
      expect(await s.listAccessKeys('u')).toEqual([])
    })
  })
}
