import { describe, expect, it } from 'vitest'
import type { CreateDelegationRequestInput } from '../delegation-types.js'
import { ACCOUNT_ID, expectStoreError, type Harness } from './harness.js'

const T0 = new Date('2026-03-01T10:00:00.000Z')

function request(id: string, workflowId: string, extra: Partial<CreateDelegationRequestInput> = {}): CreateDelegationRequestInput {
  return {
    id,
    requestorAccountId: ACCOUNT_ID,
    requestorArn: `arn:aws:iam::${ACCOUNT_ID}:user/partner`,
    requestorWorkflowId: workflowId,
    description: 'Set up the training bucket',
    policyTemplateArn: `arn:aws:iam::${ACCOUNT_ID}:policy/template`,
    parameters: [{ name: 'bucketName', values: ['data'], type: 'string' }],
    permissionPolicy: '{"Version":"2012-10-17","Statement":[]}',
    notificationChannel: 'arn:aws:sns:us-east-1:111122223333:partner',
    sessionDuration: 3600,
    onlySendByOwner: false,
    state: 'UNASSIGNED',
    createDate: T0,
    updatedTime: T0,
    expirationTime: new Date(T0.getTime() + 86_400_000),
    ...extra
  }
}

/** DelegationRequestStore. */
export function delegationCases(h: Harness): void {
  describe('delegation requests', () => {
    it('creates and reads a request whole, dates as Dates; a workflow id is unique per requestor account', async () => {
      const s = h.store()
      const r = await s.createDelegationRequest(request('dr-000000000000000000000001', 'wf-1', { redirectUrl: 'https://partner.example.com/back' }))
      expect(r).toEqual({ ...request('dr-000000000000000000000001', 'wf-1', { redirectUrl: 'https://partner.example.com/back' }), version: 1 })
      expect(await s.getDelegationRequest('dr-000000000000000000000001')).toEqual(r)
      expect(await s.getDelegationRequest('dr-000000000000000000000009')).toBeUndefined()
      const taken = await expectStoreError(s.createDelegationRequest(request('dr-000000000000000000000002', 'wf-1')), 'AlreadyExists')
      expect(taken.message).toBe('A delegation request with RequestorWorkflowId wf-1 already exists.')
      expect(await s.getDelegationRequest('dr-000000000000000000000002')).toBeUndefined()
    })

    it('updates against the version read: a stale version is a Conflict and changes nothing; nothing moves the revision', async () => {
      const s = h.store()
      await s.createDelegationRequest(request('dr-000000000000000000000001', 'wf-1'))
      const rev = await s.getRevision()
      const t1 = new Date(T0.getTime() + 60_000)
      const assigned = await s.updateDelegationRequest('dr-000000000000000000000001', 1, {
        state: 'ASSIGNED', ownerAccountId: ACCOUNT_ID, ownerId: `arn:aws:iam::${ACCOUNT_ID}:user/alice`, updatedTime: t1
      })
      expect(assigned).toMatchObject({ version: 2, state: 'ASSIGNED', ownerId: `arn:aws:iam::${ACCOUNT_ID}:user/alice`, updatedTime: t1, createDate: T0 })
      const stale = await expectStoreError(s.updateDelegationRequest('dr-000000000000000000000001', 1, { state: 'REJECTED' }), 'Conflict')
      expect(stale.entity).toBe('delegation-request')
      expect((await s.getDelegationRequest('dr-000000000000000000000001'))?.state).toBe('ASSIGNED')
      await expectStoreError(s.updateDelegationRequest('dr-000000000000000000000404', 1, { state: 'REJECTED' }), 'NotFound')
      const approver = { kind: 'user' as const, arn: `arn:aws:iam::${ACCOUNT_ID}:user/alice`, userId: 'AIDAEXAMPLE', userName: 'alice' }
      const accepted = await s.updateDelegationRequest('dr-000000000000000000000001', 2, { state: 'ACCEPTED', approver, tokenRedeemedAt: t1 })
      expect(accepted).toMatchObject({ version: 3, approver, tokenRedeemedAt: t1 })
      expect(await s.getRevision()).toBe(rev)
    })

    it('lists only owned requests of the owner account, by owner, paged by id', async () => {
      const s = h.store()
      const alice = `arn:aws:iam::${ACCOUNT_ID}:user/alice`
      const bob = `arn:aws:iam::${ACCOUNT_ID}:user/bob`
      for (let i = 1; i <= 5; i++) {
        const owned = i <= 4 ? { ownerAccountId: ACCOUNT_ID, ownerId: i % 2 === 0 ? bob : alice } : { ownerAccountId: ACCOUNT_ID }
        await s.createDelegationRequest(request(`dr-00000000000000000000000${i}`, `wf-${i}`, { ...owned, state: i <= 4 ? 'ASSIGNED' : 'UNASSIGNED' }))
      }
      await s.createDelegationRequest(request('dr-000000000000000000000006', 'wf-6', { ownerAccountId: '111122223333', ownerId: 'arn:aws:iam::111122223333:root' }))
      const first = await s.listDelegationRequests({ ownerAccountId: ACCOUNT_ID, maxItems: 3 })
      expect(first.items.map((r) => r.id)).toEqual(['dr-000000000000000000000001', 'dr-000000000000000000000002', 'dr-000000000000000000000003'])
      expect(first.isTruncated).toBe(true)
      const second = await s.listDelegationRequests({ ownerAccountId: ACCOUNT_ID, maxItems: 3, marker: first.marker! })
      expect(second).toMatchObject({ isTruncated: false })
      expect(second.items.map((r) => r.id)).toEqual(['dr-000000000000000000000004'])
      const bobs = await s.listDelegationRequests({ ownerAccountId: ACCOUNT_ID, ownerId: bob })
      expect(bobs.items.map((r) => r.id)).toEqual(['dr-000000000000000000000002', 'dr-000000000000000000000004'])
      await expectStoreError(s.listDelegationRequests({ ownerAccountId: ACCOUNT_ID, marker: 'not-a-marker' }), 'InvalidInput')
    })

    it('is emptied by reset', async () => {
      const s = h.store()
      await s.createDelegationRequest(request('dr-000000000000000000000001', 'wf-1'))
      await s.reset()
      expect(await s.getDelegationRequest('dr-000000000000000000000001')).toBeUndefined()
    })
  })
}
