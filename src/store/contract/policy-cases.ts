import { describe, expect, it } from 'vitest'
import { doc, expectStoreError, policyArn, type Harness } from './harness.js'

/** PolicyStore: customer managed policies and versions. */
export function policyCases(h: Harness): void {
  describe('managed policies', () => {
    it('creates a policy with v1 as default', async () => {
      const s = h.store()
      const p = await s.createPolicy({ name: 'S3Read', path: '/ml/', document: doc(), description: 'read', tags: [{ key: 'a', value: 'b' }] })
      expect(p).toMatchObject({
        name: 'S3Read', path: '/ml/', arn: policyArn('S3Read', '/ml/'), defaultVersionId: 'v1', attachmentCount: 0,
        permissionsBoundaryUsageCount: 0, description: 'read', tags: [{ key: 'a', value: 'b' }]
      })
      expect(p.id).toMatch(/^ANPA[A-Z0-9]{17}$/)
      expect(p.updateDate).toEqual(p.createDate)
      expect(await s.getPolicy(p.arn)).toEqual(p)
      expect(await s.getPolicy(policyArn('S3Read'))).toBeUndefined()
      const v1 = await s.getPolicyVersion(p.arn, 'v1')
      expect(v1).toMatchObject({ versionId: 'v1', document: doc(), isDefaultVersion: true })
    })

    it('policy names are unique case-insensitively across paths', async () => {
      await h.store().createPolicy({ name: 'P', path: '/a/', document: doc() })
      const err = await expectStoreError(h.store().createPolicy({ name: 'p', path: '/b/', document: doc() }), 'AlreadyExists')
      expect(err.message).toBe('A policy called p already exists. Duplicate names are not allowed.')
    })

    it('versions: numbering, default switch, at most 5, default cannot be deleted', async () => {
      const s = h.store()
      const arn = (await s.createPolicy({ name: 'p', document: doc('s3:A') })).arn
      const v2 = await s.createPolicyVersion(arn, doc('s3:B'), false)
      expect(v2).toMatchObject({ versionId: 'v2', isDefaultVersion: false })
      const v3 = await s.createPolicyVersion(arn, doc('s3:C'), true)
      expect(v3.isDefaultVersion).toBe(true)
      expect((await s.getPolicy(arn))?.defaultVersionId).toBe('v3')
      await s.createPolicyVersion(arn, doc('s3:D'), false)
      await s.createPolicyVersion(arn, doc('s3:E'), false)
      const err = await expectStoreError(s.createPolicyVersion(arn, doc('s3:F'), false), 'LimitExceeded')
      expect(err.message).toMatch(/up to 5 versions/)
      expect((await s.listPolicyVersions(arn)).map((v) => v.versionId)).toEqual(['v5', 'v4', 'v3', 'v2', 'v1'])
      expect((await s.listPolicyVersions(arn)).filter((v) => v.isDefaultVersion).map((v) => v.versionId)).toEqual(['v3'])
      expect((await expectStoreError(s.deletePolicyVersion(arn, 'v3'), 'Conflict')).message).toBe('Cannot delete the default version of a policy.')
      await s.deletePolicyVersion(arn, 'v2')
      await expectStoreError(s.deletePolicyVersion(arn, 'v2'), 'NotFound')
      // Version ids are never reused.
      expect((await s.createPolicyVersion(arn, doc('s3:G'), false)).versionId).toBe('v6')
      await s.setDefaultPolicyVersion(arn, 'v6')
      expect((await s.getPolicyVersion(arn, 'v6'))?.isDefaultVersion).toBe(true)
      await expectStoreError(s.setDefaultPolicyVersion(arn, 'v9'), 'NotFound')
      expect(await s.getPolicyVersion(arn, 'v9')).toBeUndefined()
      await expectStoreError(s.createPolicyVersion(policyArn('missing'), doc(), true), 'NotFound')
    })

    it('delete: refused with non-default versions or attachments, then removes versions too', async () => {
      const s = h.store()
      const arn = (await s.createPolicy({ name: 'p', document: doc() })).arn
      await s.createPolicyVersion(arn, doc('s3:B'), false)
      await expectStoreError(s.deletePolicy(arn), 'Conflict')
      await s.deletePolicyVersion(arn, 'v2')
      await s.createRole({ name: 'r', assumeRolePolicyDocument: '{}' })
      await s.attachPolicy({ type: 'role', name: 'r' }, arn)
      expect((await expectStoreError(s.deletePolicy(arn), 'Conflict')).message).toBe('Cannot delete a policy attached to entities.')
      await s.detachPolicy({ type: 'role', name: 'r' }, arn)
      await s.deletePolicy(arn)
      expect(await s.getPolicy(arn)).toBeUndefined()
      await expectStoreError(s.deletePolicy(arn), 'NotFound')
      await s.createPolicy({ name: 'p', document: doc() })
      expect((await s.listPolicyVersions(arn)).map((v) => v.versionId)).toEqual(['v1'])
    })

    it('ListPolicies filters: path prefix, only attached, usage', async () => {
      const s = h.store()
      await s.createPolicy({ name: 'a', path: '/ml/', document: doc() })
      await s.createPolicy({ name: 'b', path: '/ml/train/', document: doc() })
      await s.createPolicy({ name: 'c', document: doc() })
      await s.createUser({ name: 'u', permissionsBoundaryArn: policyArn('c') })
      await s.attachPolicy({ type: 'user', name: 'u' }, policyArn('b', '/ml/train/'))
      const names = async (r: Parameters<typeof s.listPolicies>[0]): Promise<string[]> => (await s.listPolicies(r)).items.map((p) => p.name)
      expect(await names({})).toEqual(['a', 'b', 'c'])
      expect(await names({ pathPrefix: '/ml/' })).toEqual(['a', 'b'])
      expect(await names({ pathPrefix: '/ml/train' })).toEqual(['b'])
      expect(await names({ onlyAttached: true })).toEqual(['b', 'c'])
      expect(await names({ onlyAttached: true, policyUsageFilter: 'PermissionsPolicy' })).toEqual(['b'])
      expect(await names({ onlyAttached: true, policyUsageFilter: 'PermissionsBoundary' })).toEqual(['c'])
    })

    it('tags on policies', async () => {
      const s = h.store()
      const arn = (await s.createPolicy({ name: 'p', document: doc() })).arn
      await s.tagPolicy(arn, [{ key: 'k', value: 'v' }])
      expect((await s.getPolicy(arn))?.tags).toEqual([{ key: 'k', value: 'v' }])
      await s.untagPolicy(arn, ['k'])
      expect((await s.getPolicy(arn))?.tags).toEqual([])
      await expectStoreError(s.tagPolicy(policyArn('nope'), []), 'NotFound')
    })
  })
}
