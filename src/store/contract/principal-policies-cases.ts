import { describe, expect, it } from 'vitest'
import { ACCOUNT_ID, AWS_READ_ONLY, AWS_SAGEMAKER, doc, policyArn, TRUST, type Harness } from './harness.js'

/** PrincipalPolicyLoader and the revision counter. */
export function principalPoliciesCases(h: Harness): void {
  describe('loadPrincipalPolicies', () => {
    it('returns a user\'s inline, attached and group policies with default documents and the boundary', async () => {
      const s = h.store()
      await s.createPolicy({ name: 'cust', document: doc('s3:A') })
      await s.createPolicyVersion(policyArn('cust'), doc('s3:B'), true)
      await s.createPolicy({ name: 'bound', document: doc('s3:*') })
      const user = await s.createUser({ name: 'alice', permissionsBoundaryArn: policyArn('bound') })
      await s.createGroup({ name: 'g' })
      await s.createGroup({ name: 'empty' })
      await s.addUserToGroup('g', 'alice')
      await s.addUserToGroup('empty', 'alice')
      await s.putInlinePolicy({ type: 'user', name: 'alice' }, 'own', doc('s3:Own'))
      await s.putInlinePolicy({ type: 'group', name: 'g' }, 'grp', doc('s3:Grp'))
      await s.attachPolicy({ type: 'user', name: 'alice' }, policyArn('cust'))
      await s.attachPolicy({ type: 'group', name: 'g' }, AWS_READ_ONLY)
      const p = await s.loadPrincipalPolicies({ type: 'user', name: 'ALICE' })
      expect(p?.principal).toEqual({ type: 'user', id: user.id, name: 'alice', path: '/', arn: user.arn })
      expect(p?.revision).toBe(await s.getRevision())
      expect(p?.groups.map((g) => g.name)).toEqual(['empty', 'g'])
      expect(p?.groups[1]?.arn).toBe(`arn:aws:iam::${ACCOUNT_ID}:group/g`)
      expect(p?.inline).toEqual(expect.arrayContaining([
        { source: { type: 'user', name: 'alice' }, policyName: 'own', document: doc('s3:Own') },
        { source: { type: 'group', name: 'g' }, policyName: 'grp', document: doc('s3:Grp') }
      ]))
      expect(p?.inline).toHaveLength(2)
      expect(p?.managed).toEqual(expect.arrayContaining([
        { source: { type: 'user', name: 'alice' }, policyArn: policyArn('cust'), versionId: 'v2', document: doc('s3:B') },
        { source: { type: 'group', name: 'g' }, policyArn: AWS_READ_ONLY }
      ]))
      expect(p?.managed).toHaveLength(2)
      expect(p?.permissionsBoundary).toEqual({ policyArn: policyArn('bound'), versionId: 'v1', document: doc('s3:*') })
    })

    it('returns a role\'s policies, an AWS managed boundary as ARN only, undefined for a missing principal', async () => {
      const s = h.store()
      const role = await s.createRole({ name: 'r', path: '/service-role/', assumeRolePolicyDocument: TRUST, permissionsBoundaryArn: AWS_READ_ONLY })
      await s.putInlinePolicy({ type: 'role', name: 'r' }, 'in', doc())
      await s.attachPolicy({ type: 'role', name: 'r' }, AWS_SAGEMAKER)
      const p = await s.loadPrincipalPolicies({ type: 'role', name: 'r' })
      expect(p).toMatchObject({
        principal: { type: 'role', id: role.id, name: 'r', path: '/service-role/', arn: role.arn },
        groups: [],
        inline: [{ source: { type: 'role', name: 'r' }, policyName: 'in', document: doc() }],
        managed: [{ source: { type: 'role', name: 'r' }, policyArn: AWS_SAGEMAKER }],
        permissionsBoundary: { policyArn: AWS_READ_ONLY }
      })
      expect(await s.loadPrincipalPolicies({ type: 'role', name: 'ghost' })).toBeUndefined()
      expect(await s.loadPrincipalPolicies({ type: 'user', name: 'r' })).toBeUndefined()
    })

    it('returns a group\'s own inline and attached policies, without members\' or other groups\'', async () => {
      const s = h.store()
      await s.createPolicy({ name: 'cust', document: doc('s3:A') })
      const group = await s.createGroup({ name: 'ML_Engineers', path: '/teams/' })
      await s.createGroup({ name: 'other' })
      await s.createUser({ name: 'u' })
      await s.addUserToGroup('ML_Engineers', 'u')
      await s.putInlinePolicy({ type: 'user', name: 'u' }, 'mine', doc('s3:Mine'))
      await s.putInlinePolicy({ type: 'group', name: 'other' }, 'theirs', doc('s3:Theirs'))
      await s.putInlinePolicy({ type: 'group', name: 'ML_Engineers' }, 'in', doc('s3:In'))
      await s.attachPolicy({ type: 'group', name: 'ML_Engineers' }, policyArn('cust'))
      await s.attachPolicy({ type: 'group', name: 'ML_Engineers' }, AWS_SAGEMAKER)
      const p = await s.loadPrincipalPolicies({ type: 'group', name: 'ml_engineers' })
      expect(p?.principal).toEqual({ type: 'group', id: group.id, name: 'ML_Engineers', path: '/teams/', arn: group.arn })
      expect(p?.groups).toEqual([])
      expect(p?.inline).toEqual([{ source: { type: 'group', name: 'ML_Engineers' }, policyName: 'in', document: doc('s3:In') }])
      expect(p?.managed).toEqual(expect.arrayContaining([
        { source: { type: 'group', name: 'ML_Engineers' }, policyArn: policyArn('cust'), versionId: 'v1', document: doc('s3:A') },
        { source: { type: 'group', name: 'ML_Engineers' }, policyArn: AWS_SAGEMAKER }
      ]))
      expect(p?.managed).toHaveLength(2)
      expect(p?.permissionsBoundary).toBeUndefined()
      expect(await s.loadPrincipalPolicies({ type: 'group', name: 'u' })).toBeUndefined()
    })
  })

  describe('revision', () => {
    it('increases on every permission-affecting change and not on bookkeeping', async () => {
      const s = h.store()
      const steps: [string, () => Promise<unknown>, boolean][] = [
        ['create user', () => s.createUser({ name: 'u' }), false],
        ['create role', () => s.createRole({ name: 'r', assumeRolePolicyDocument: doc() }), false],
        ['role description', () => s.updateRole('r', { description: 'x' }), false],
        ['role max session duration', () => s.updateRole('r', { maxSessionDuration: 7200 }), true],
        ['create group', () => s.createGroup({ name: 'g' }), false],
        ['add to group', () => s.addUserToGroup('g', 'u'), true],
        ['create policy', () => s.createPolicy({ name: 'p', document: doc() }), false],
        ['attach', () => s.attachPolicy({ type: 'group', name: 'g' }, policyArn('p')), true],
        ['new non-default version', () => s.createPolicyVersion(policyArn('p'), doc('s3:B'), false), false],
        ['set default version', () => s.setDefaultPolicyVersion(policyArn('p'), 'v2'), true],
        ['put inline', () => s.putInlinePolicy({ type: 'user', name: 'u' }, 'i', doc()), true],
        ['tag user', () => s.tagUser('u', [{ key: 'team', value: 'x' }]), true],
        ['boundary', () => s.setUserPermissionsBoundary('u', AWS_READ_ONLY), true],
        ['create key', () => s.createAccessKey({ userName: 'u', secretCiphertext: new Uint8Array([1]) }), false],
        ['detach', () => s.detachPolicy({ type: 'group', name: 'g' }, policyArn('p')), true],
        ['remove from group', () => s.removeUserFromGroup('g', 'u'), true],
        ['delete inline', () => s.deleteInlinePolicy({ type: 'user', name: 'u' }, 'i'), true],
        // Resource tags feed aws:ResourceTag conditions; a deletion ends cached facts about the entity.
        ['tag policy', () => s.tagPolicy(policyArn('p'), [{ key: 'team', value: 'x' }]), true],
        ['untag policy', () => s.untagPolicy(policyArn('p'), ['team']), true],
        ['create instance profile', () => s.createInstanceProfile({ name: 'ip' }), false],
        ['tag instance profile', () => s.tagInstanceProfile('ip', [{ key: 'team', value: 'x' }]), true],
        ['delete instance profile', () => s.deleteInstanceProfile('ip'), true]
      ]
      let last = await s.getRevision()
      for (const [label, step, bumps] of steps) {
        await step()
        const now = await s.getRevision()
        if (bumps) expect(now, label).toBeGreaterThan(last)
        else expect(now, label).toBe(last)
        last = now
      }
    })
  })
}
