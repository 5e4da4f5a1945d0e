import { describe, expect, it } from 'vitest'
import type { PrincipalType } from '../types.js'
import { AWS_READ_ONLY, AWS_SAGEMAKER, collect, doc, expectStoreError, policyArn, TRUST, type Harness } from './harness.js'

async function makePrincipal(h: Harness, type: PrincipalType, name: string): Promise<void> {
  if (type === 'user') await h.store().createUser({ name })
  else if (type === 'group') await h.store().createGroup({ name })
  else await h.store().createRole({ name, assumeRolePolicyDocument: TRUST })
}

/** AttachmentStore and InlinePolicyStore, for each kind of principal. */
export function attachmentCases(h: Harness): void {
  for (const type of ['user', 'group', 'role'] as const) {
    describe(`${type} policies`, () => {
      const who = { type, name: 'p1' }

      it('attaches customer and AWS managed policies, idempotently, and counts attachments', async () => {
        const s = h.store()
        await makePrincipal(h, type, 'p1')
        await s.createPolicy({ name: 'mine', path: '/ml/', document: doc() })
        const mine = policyArn('mine', '/ml/')
        await s.attachPolicy(who, mine)
        await s.attachPolicy(who, mine)
        await s.attachPolicy(who, AWS_SAGEMAKER)
        expect((await s.getPolicy(mine))?.attachmentCount).toBe(1)
        expect((await s.listAttachedPolicies(who)).items).toEqual([
          { policyArn: mine, policyName: 'mine' },
          { policyArn: AWS_SAGEMAKER, policyName: 'AmazonSageMakerFullAccess' }
        ])
        expect((await s.listAttachedPolicies(who, { pathPrefix: '/service-role/' })).items.map((p) => p.policyName))
          .toEqual(['AmazonSageMakerFullAccess'])
        expect(await collect((m) => s.listAttachedPolicies(who, { marker: m, maxItems: 1 }))).toHaveLength(2)
        await s.detachPolicy(who, mine)
        expect((await s.getPolicy(mine))?.attachmentCount).toBe(0)
        const err = await expectStoreError(s.detachPolicy(who, mine), 'NotFound')
        expect(err.message).toBe(`Policy ${mine} was not found.`)
      })

      it('refuses unknown customer policies, bad ARNs and missing principals', async () => {
        const s = h.store()
        await makePrincipal(h, type, 'p1')
        const err = await expectStoreError(s.attachPolicy(who, policyArn('ghost')), 'NotFound')
        expect(err.message).toBe(`Policy ${policyArn('ghost')} does not exist or is not attachable.`)
        await expectStoreError(s.attachPolicy(who, 'not-an-arn'), 'InvalidInput')
        await expectStoreError(s.attachPolicy({ type, name: 'ghost' }, AWS_READ_ONLY), 'NotFound')
      })

      it('enforces the attached policies quota (10)', async () => {
        const s = h.store()
        await makePrincipal(h, type, 'p1')
        for (let i = 0; i < 10; i++) await s.attachPolicy(who, `arn:aws:iam::aws:policy/P${i}`)
        const err = await expectStoreError(s.attachPolicy(who, AWS_READ_ONLY), 'LimitExceeded')
        expect(err.message).toMatch(/^Cannot exceed quota for Policies(PerUser|PerGroup|PerRole): 10$/)
        expect((await s.listAttachedPolicies(who)).items).toHaveLength(10)
      })

      it('inline policies: put replaces, get, list, delete, aggregate size quota', async () => {
        const s = h.store()
        await makePrincipal(h, type, 'p1')
        await s.putInlinePolicy(who, 'b', doc('s3:A'))
        await s.putInlinePolicy(who, 'a', doc('s3:B'))
        await s.putInlinePolicy(who, 'b', doc('s3:C'))
        expect(await s.getInlinePolicy({ type, name: 'P1' }, 'b')).toEqual({ name: 'b', document: doc('s3:C') })
        expect(await s.getInlinePolicy(who, 'zzz')).toBeUndefined()
        expect((await s.listInlinePolicies(who)).items).toEqual(['a', 'b'])
        expect(await collect((m) => s.listInlinePolicies(who, { marker: m, maxItems: 1 }))).toEqual(['a', 'b'])
        await s.deleteInlinePolicy(who, 'a')
        const err = await expectStoreError(s.deleteInlinePolicy(who, 'a'), 'NotFound')
        expect(err.message).toBe(`The ${type} policy with name a cannot be found.`)
        const limit = { user: 2048, group: 5120, role: 10240 }[type]
        const big = (n: number): string => JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'x'.repeat(n), Effect: 'Allow', Action: '*', Resource: '*' }] })
        const overhead = big(0).length
        const used = doc('s3:C').length
        await s.putInlinePolicy(who, 'fill', big(limit - used - overhead))
        await expectStoreError(s.putInlinePolicy(who, 'more', doc()), 'LimitExceeded')
        // Replacing a policy counts its new size, not old plus new.
        await s.putInlinePolicy(who, 'fill', big(limit - used - overhead - 10))
        await expectStoreError(s.putInlinePolicy({ type, name: 'ghost' }, 'x', doc()), 'NotFound')
      })
    })
  }

  describe('policy usage', () => {
    it('ListEntitiesForPolicy pages across users, groups and roles, with filters', async () => {
      const s = h.store()
      await s.createPolicy({ name: 'p', document: doc() })
      const arn = policyArn('p')
      for (const n of ['u2', 'u1']) await s.createUser({ name: n, path: n === 'u1' ? '/a/' : '/' })
      await s.createGroup({ name: 'g1' })
      await s.createRole({ name: 'r1', assumeRolePolicyDocument: TRUST, permissionsBoundaryArn: arn })
      await s.createRole({ name: 'r2', assumeRolePolicyDocument: TRUST })
      for (const n of ['u1', 'u2']) await s.attachPolicy({ type: 'user', name: n }, arn)
      await s.attachPolicy({ type: 'group', name: 'g1' }, arn)
      await s.attachPolicy({ type: 'role', name: 'r2' }, arn)
      const all = await collect((m) => s.listEntitiesForPolicy(arn, { marker: m, maxItems: 2 }))
      expect(all.map((e) => `${e.type}:${e.name}`)).toEqual(['user:u1', 'user:u2', 'group:g1', 'role:r1', 'role:r2'])
      const names = async (r: Parameters<typeof s.listEntitiesForPolicy>[1]): Promise<string[]> =>
        (await s.listEntitiesForPolicy(arn, r)).items.map((e) => e.name)
      expect(await names({ entityFilter: 'Role' })).toEqual(['r1', 'r2'])
      expect(await names({ policyUsageFilter: 'PermissionsBoundary' })).toEqual(['r1'])
      expect(await names({ policyUsageFilter: 'PermissionsPolicy', entityFilter: 'Role' })).toEqual(['r2'])
      expect(await names({ pathPrefix: '/a/' })).toEqual(['u1'])
      await expectStoreError(s.listEntitiesForPolicy(policyArn('ghost')), 'NotFound')
      expect((await s.listEntitiesForPolicy(AWS_READ_ONLY)).items).toEqual([])
    })

    it('counts AWS managed policy usage', async () => {
      const s = h.store()
      await s.createUser({ name: 'u', permissionsBoundaryArn: AWS_READ_ONLY })
      await s.createRole({ name: 'r', assumeRolePolicyDocument: TRUST })
      await s.attachPolicy({ type: 'user', name: 'u' }, AWS_READ_ONLY)
      await s.attachPolicy({ type: 'role', name: 'r' }, AWS_READ_ONLY)
      await s.attachPolicy({ type: 'role', name: 'r' }, AWS_SAGEMAKER)
      expect(await s.listAwsPolicyUsage()).toEqual([
        { policyArn: AWS_READ_ONLY, attachmentCount: 2, permissionsBoundaryUsageCount: 1 },
        { policyArn: AWS_SAGEMAKER, attachmentCount: 1, permissionsBoundaryUsageCount: 0 }
      ])
    })
  })
}
