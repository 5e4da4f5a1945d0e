import { describe, expect, it } from 'vitest'
import { StoreError } from '../errors.js'
import { doc, TRUST, type Harness } from './harness.js'

/** Races through one store: names and quotas stay exact. */
export function concurrencyCases(h: Harness): void {
  describe('concurrency', () => {
    const creators = {
      user: (n: string) => h.store().createUser({ name: n }),
      role: (n: string) => h.store().createRole({ name: n, assumeRolePolicyDocument: TRUST }),
      group: (n: string) => h.store().createGroup({ name: n }),
      policy: (n: string) => h.store().createPolicy({ name: n, document: doc() }),
      'instance profile': (n: string) => h.store().createInstanceProfile({ name: n })
    }
    for (const [kind, create] of Object.entries(creators)) {
      it(`50 parallel creates of one ${kind} name (mixed case): exactly one succeeds`, async () => {
        const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => create(i % 2 ? 'Shared' : 'sHARED')))
        const ok = results.filter((r) => r.status === 'fulfilled')
        const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
        expect(ok).toHaveLength(1)
        expect(failed).toHaveLength(49)
        for (const f of failed) {
          expect(f.reason).toBeInstanceOf(StoreError)
          expect((f.reason as StoreError).kind).toBe('AlreadyExists')
        }
      })
    }

    it('parallel access key creation respects the quota of 2', async () => {
      await h.store().createUser({ name: 'u' })
      const results = await Promise.allSettled(Array.from({ length: 10 }, () =>
        h.store().createAccessKey({ userName: 'u', secretCiphertext: new Uint8Array([1]) })))
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2)
      expect(await h.store().listAccessKeys('u')).toHaveLength(2)
    })

    it('parallel transactions creating policy versions never pass 5', async () => {
      const s = h.store()
      const arn = (await s.createPolicy({ name: 'p', document: doc() })).arn
      const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) =>
        s.transaction(async (tx) => {
          await new Promise((r) => setTimeout(r, 1))
          return tx.createPolicyVersion(arn, doc(`s3:A${i}`), true)
        })))
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4)
      expect(await s.listPolicyVersions(arn)).toHaveLength(5)
    })
  })
}
