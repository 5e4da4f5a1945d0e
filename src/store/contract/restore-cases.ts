import { describe, expect, it } from 'vitest'
import { doc, expectStoreError, policyArn, TRUST, type Harness } from './harness.js'

const T0 = new Date('2019-03-04T05:06:07Z')
const T1 = new Date('2020-01-02T03:04:05Z')
const T2 = new Date('2021-06-07T08:09:10.123Z')

/** Restoring an account snapshot: ids, creation dates and policy versions as given. */
export function restoreCases(h: Harness): void {
  describe('restoring a snapshot', () => {
    it('keeps the given ids and creation dates of users, groups, roles and instance profiles', async () => {
      const s = h.store()
      const u = await s.createUser({ id: 'AIDAEXAMPLEUSER000001', name: 'alice', createDate: T0 })
      const g = await s.createGroup({ id: 'AGPAEXAMPLEGROUP00001', name: 'ml', createDate: T1 })
      const r = await s.createRole({ id: 'AROAEXAMPLEROLE000001', name: 'trainer', assumeRolePolicyDocument: TRUST, createDate: T2 })
      const p = await s.createInstanceProfile({ id: 'AIPAEXAMPLEPROFILE001', name: 'trainer', createDate: T1 })
      expect([u.id, u.createDate]).toEqual(['AIDAEXAMPLEUSER000001', T0])
      expect([g.id, g.createDate]).toEqual(['AGPAEXAMPLEGROUP00001', T1])
      expect([r.id, r.createDate]).toEqual(['AROAEXAMPLEROLE000001', T2])
      expect([p.id, p.createDate]).toEqual(['AIPAEXAMPLEPROFILE001', T1])
      expect((await s.getRole('trainer'))?.createDate).toEqual(T2)
      await expectStoreError(s.createUser({ name: 'bob', createDate: new Date(Number.NaN) }), 'InvalidInput')
      expect(await s.getUser('bob')).toBeUndefined()
    })

    it('creates a policy with its versions, dates and default as given; new versions number after the highest', async () => {
      const s = h.store()
      const p = await s.createPolicy({
        id: 'ANPAEXAMPLEPOLICY0001', name: 'p', document: doc('s3:B'), createDate: T0, updateDate: T2,
        versions: [
          { versionId: 'v4', document: doc('s3:C'), isDefaultVersion: false, createDate: T2 },
          { versionId: 'v3', document: doc('s3:B'), isDefaultVersion: true, createDate: T1 },
          { versionId: 'v1', document: doc('s3:A'), isDefaultVersion: false }
        ]
      })
      expect(p).toMatchObject({ id: 'ANPAEXAMPLEPOLICY0001', defaultVersionId: 'v3', createDate: T0, updateDate: T2 })
      const versions = await s.listPolicyVersions(p.arn)
      expect(versions.map((v) => [v.versionId, v.isDefaultVersion, v.createDate])).toEqual([
        ['v4', false, T2], ['v3', true, T1], ['v1', false, T0]
      ])
      expect((await s.getPolicyVersion(p.arn, 'v3'))?.document).toBe(doc('s3:B'))
      expect((await s.createPolicyVersion(p.arn, doc('s3:D'), false)).versionId).toBe('v5')
      const plain = await s.createPolicy({ name: 'q', document: doc(), createDate: T1 })
      expect([plain.createDate, plain.updateDate]).toEqual([T1, T1])
      expect((await s.getPolicyVersion(plain.arn, 'v1'))?.createDate).toEqual(T1)
    })

    it('refuses inconsistent versions and creates nothing', async () => {
      const s = h.store()
      const bad: { versions: { versionId: string; document: string; isDefaultVersion: boolean }[]; document?: string }[] = [
        { versions: [] },
        { versions: [{ versionId: 'v1', document: doc(), isDefaultVersion: false }] },
        { versions: [{ versionId: 'v1', document: doc(), isDefaultVersion: true }, { versionId: 'v2', document: doc(), isDefaultVersion: true }] },
        { versions: [{ versionId: 'v1', document: doc(), isDefaultVersion: true }, { versionId: 'v1', document: doc('s3:B'), isDefaultVersion: false }] },
        { versions: [{ versionId: 'x1', document: doc(), isDefaultVersion: true }] },
        { versions: [{ versionId: 'v1', document: doc('s3:Other'), isDefaultVersion: true }] },
        { versions: [1, 2, 3, 4, 5, 6].map((n) => ({ versionId: `v${n}`, document: doc(), isDefaultVersion: n === 1 })) }
      ]
      for (const b of bad) {
        await expectStoreError(s.createPolicy({ name: 'p', document: b.document ?? doc(), versions: b.versions }), 'InvalidInput')
        expect(await s.getPolicy(policyArn('p'))).toBeUndefined()
      }
    })
  })
}
