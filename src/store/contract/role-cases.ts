import { describe, expect, it } from 'vitest'
import { ACCOUNT_ID, AWS_READ_ONLY, doc, expectStoreError, policyArn, TRUST, type Harness } from './harness.js'

/** RoleStore. */
export function roleCases(h: Harness): void {
  describe('roles', () => {
    it('creates a role with every field and defaults', async () => {
      const s = h.store()
      const r = await s.createRole({
        name: 'SageMakerExecution', path: '/service-role/', assumeRolePolicyDocument: TRUST, description: 'training',
        maxSessionDuration: 7200, permissionsBoundaryArn: AWS_READ_ONLY, tags: [{ key: 'env', value: 'dev' }]
      })
      expect(r).toMatchObject({
        name: 'SageMakerExecution', path: '/service-role/', arn: `arn:aws:iam::${ACCOUNT_ID}:role/service-role/SageMakerExecution`,
        assumeRolePolicyDocument: TRUST, description: 'training', maxSessionDuration: 7200, permissionsBoundaryArn: AWS_READ_ONLY,
        tags: [{ key: 'env', value: 'dev' }]
      })
      expect(r.id).toMatch(/^AROA[A-Z0-9]{17}$/)
      expect(r.roleLastUsed).toBeUndefined()
      expect(await s.getRole('sagemakerexecution')).toEqual(r)
      expect(await s.getRoleById(r.id)).toEqual(r)
      const d = await s.createRole({ name: 'plain', assumeRolePolicyDocument: TRUST })
      expect(d).toMatchObject({ path: '/', maxSessionDuration: 3600 })
      expect(d.description).toBeUndefined()
      await expectStoreError(s.createRole({ name: 'PLAIN', assumeRolePolicyDocument: TRUST }), 'AlreadyExists')
    })

    it('updates description, session duration and trust policy', async () => {
      const s = h.store()
      await s.createRole({ name: 'r', assumeRolePolicyDocument: TRUST, description: 'old' })
      let rev = await s.getRevision()
      // A description is bookkeeping; how long sessions may last (AssumeRole reads it from a
      // per-revision cache) and who may assume the role are permissions.
      await s.updateRole('r', { description: 'new' })
      expect(await s.getRevision()).toBe(rev)
      await s.updateRole('r', { maxSessionDuration: 43200 })
      expect(await s.getRevision()).toBeGreaterThan(rev)
      rev = await s.getRevision()
      const trust2 = TRUST.replace('ec2', 'sagemaker')
      const r = await s.updateRole('R', { assumeRolePolicyDocument: trust2 })
      expect(r).toMatchObject({ description: 'new', maxSessionDuration: 43200, assumeRolePolicyDocument: trust2 })
      expect(await s.getRevision()).toBeGreaterThan(rev)
      await expectStoreError(s.updateRole('missing', {}), 'NotFound')
    })

    it('records RoleLastUsed without touching the revision', async () => {
      const s = h.store()
      await s.createRole({ name: 'r', assumeRolePolicyDocument: TRUST })
      const rev = await s.getRevision()
      const when = new Date('2024-05-01T10:00:00.000Z')
      await s.recordRoleUsed('r', when, 'us-east-1')
      expect((await s.getRole('r'))?.roleLastUsed).toEqual({ lastUsedDate: when, region: 'us-east-1' })
      expect(await s.getRevision()).toBe(rev)
    })

    it('a role with policies or an instance profile cannot be deleted', async () => {
      const s = h.store()
      await s.createRole({ name: 'r', assumeRolePolicyDocument: TRUST, permissionsBoundaryArn: undefined })
      await s.createPolicy({ name: 'p', document: doc() })
      await s.createInstanceProfile({ name: 'ip' })
      await s.addRoleToInstanceProfile('ip', 'r')
      expect((await expectStoreError(s.deleteRole('r'), 'Conflict')).message).toBe('Cannot delete entity, must remove roles from instance profile first.')
      await s.removeRoleFromInstanceProfile('ip', 'r')
      await s.attachPolicy({ type: 'role', name: 'r' }, policyArn('p'))
      await expectStoreError(s.deleteRole('r'), 'Conflict')
      await s.detachPolicy({ type: 'role', name: 'r' }, policyArn('p'))
      await s.putInlinePolicy({ type: 'role', name: 'r' }, 'inline', doc())
      await expectStoreError(s.deleteRole('r'), 'Conflict')
      await s.deleteInlinePolicy({ type: 'role', name: 'r' }, 'inline')
      await s.deleteRole('r')
      expect(await s.getRole('r')).toBeUndefined()
    })

    it('boundary and tags', async () => {
      const s = h.store()
      await s.createPolicy({ name: 'b', document: doc() })
      await s.createRole({ name: 'r', assumeRolePolicyDocument: TRUST, permissionsBoundaryArn: policyArn('b') })
      expect((await s.getPolicy(policyArn('b')))?.permissionsBoundaryUsageCount).toBe(1)
      await s.deleteRole('r')
      expect((await s.getPolicy(policyArn('b')))?.permissionsBoundaryUsageCount).toBe(0)
      await s.createRole({ name: 'r2', assumeRolePolicyDocument: TRUST })
      await s.setRolePermissionsBoundary('r2', AWS_READ_ONLY)
      expect((await s.getRole('r2'))?.permissionsBoundaryArn).toBe(AWS_READ_ONLY)
      await s.tagRole('r2', [{ key: 'a', value: '1' }])
      await s.untagRole('r2', ['A'])
      expect((await s.getRole('r2'))?.tags).toEqual([])
      // One key twice (in any case) or a reserved aws: key is refused, and nothing changes.
      await expectStoreError(s.tagRole('r2', [{ key: 'team', value: '1' }, { key: 'Team', value: '2' }]), 'InvalidInput')
      await expectStoreError(s.tagRole('r2', [{ key: 'AWS:owner', value: 'x' }]), 'InvalidInput')
      await expectStoreError(s.untagRole('r2', ['aws:owner']), 'InvalidInput')
      await expectStoreError(s.createRole({ name: 'r3', assumeRolePolicyDocument: TRUST, tags: [{ key: 'aws:x', value: '' }] }), 'InvalidInput')
      expect((await s.getRole('r2'))?.tags).toEqual([])
      expect(await s.getRole('r3')).toBeUndefined()
    })

    it('service-linked role deletion tasks', async () => {
      const s = h.store()
      const id = 'task/aws-service-role/sagemaker.amazonaws.com/AWSServiceRoleForSageMaker/0c4b'
      const t = await s.createDeletionTask(id, 'AWSServiceRoleForSageMaker')
      expect(t).toMatchObject({ id, roleName: 'AWSServiceRoleForSageMaker', status: 'NOT_STARTED' })
      await expectStoreError(s.createDeletionTask(id, 'x'), 'AlreadyExists')
      const reason = { reason: 'in use', roleUsageList: [{ region: 'us-east-1', resources: ['arn:x'] }] }
      await s.updateDeletionTask(id, 'FAILED', reason)
      expect(await s.getDeletionTask(id)).toMatchObject({ status: 'FAILED', reason })
      expect(await s.getDeletionTask('nope')).toBeUndefined()
      await expectStoreError(s.updateDeletionTask('nope', 'SUCCEEDED'), 'NotFound')
    })
  })
}
