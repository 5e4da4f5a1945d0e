import { describe, expect, it } from 'vitest'
import type { ServiceAccessEntry } from '../service-access-types.js'
import type { Harness } from './harness.js'

const at = (iso: string): Date => new Date(iso)
const entry = (entityId: string, action: string, iso: string, region = 'us-east-1', namespace = 'iam'): ServiceAccessEntry => ({
  entityId, entityArn: `arn:aws:iam::123456789012:user/${entityId}`, namespace, action, at: at(iso), region
})

/** ServiceAccessStore: recorded use, report jobs, STS preferences. */
export function serviceAccessCases(h: Harness): void {
  describe('service last accessed', () => {
    it('keeps the latest attempt per entity and action, whatever order they arrive in, without moving the revision', async () => {
      const s = h.store()
      const rev = await s.getRevision()
      await s.recordServiceAccess([entry('AIDAA', 'ListUsers', '2026-01-01T00:00:10.000Z', 'eu-west-1'), entry('AIDAA', 'GetUser', '2026-01-01T00:00:05.000Z')])
      await s.recordServiceAccess([entry('AIDAA', 'ListUsers', '2026-01-01T00:00:01.000Z', 'us-west-2')])
      await s.recordServiceAccess([entry('AIDAA', 'GetCallerIdentity', '2026-01-01T00:00:02.000Z', 'us-east-1', 'sts'), entry('AIDAB', 'ListUsers', '2026-01-01T00:00:03.000Z')])
      await s.recordServiceAccess([entry('AIDAA', 'GetUser', '2026-01-01T00:00:20.000Z', 'ap-south-1')])
      expect(await s.getRevision()).toBe(rev)
      const rows = (await s.listServiceAccess(['AIDAA'])).sort((a, b) => a.action.localeCompare(b.action))
      expect(rows).toEqual([
        entry('AIDAA', 'GetCallerIdentity', '2026-01-01T00:00:02.000Z', 'us-east-1', 'sts'),
        entry('AIDAA', 'GetUser', '2026-01-01T00:00:20.000Z', 'ap-south-1'),
        entry('AIDAA', 'ListUsers', '2026-01-01T00:00:10.000Z', 'eu-west-1')
      ])
      expect(await s.listServiceAccess(['AIDAA', 'AIDAB', 'AIDAC'])).toHaveLength(4)
      expect(await s.listServiceAccess([])).toEqual([])
      expect(await s.listServiceAccess(['AIDAC'])).toEqual([])
    })

    it('stores jobs and their completion; reset() forgets jobs, recorded use and STS preferences', async () => {
      const s = h.store()
      const id = '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0'
      const created = at('2026-02-01T10:00:00.000Z')
      await s.putServiceLastAccessedJob({ id, arn: 'arn:aws:iam::123456789012:user/a', granularity: 'ACTION_LEVEL', status: 'IN_PROGRESS', createDate: created })
      expect(await s.getServiceLastAccessedJob(id)).toEqual({ id, arn: 'arn:aws:iam::123456789012:user/a', granularity: 'ACTION_LEVEL', status: 'IN_PROGRESS', createDate: created })
      const done = at('2026-02-01T10:00:01.000Z')
      await s.putServiceLastAccessedJob({ id, arn: 'arn:aws:iam::123456789012:user/a', granularity: 'ACTION_LEVEL', status: 'COMPLETED', createDate: created, completionDate: done, report: '{"services":[]}' })
      expect(await s.getServiceLastAccessedJob(id)).toMatchObject({ status: 'COMPLETED', createDate: created, completionDate: done, report: '{"services":[]}' })
      const failed = '1b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0'
      await s.putServiceLastAccessedJob({ id: failed, arn: 'arn:aws:iam::123456789012:role/r', granularity: 'SERVICE_LEVEL', status: 'FAILED', createDate: created, completionDate: done, error: { code: 'NoSuchEntity', message: 'gone' } })
      expect((await s.getServiceLastAccessedJob(failed))?.error).toEqual({ code: 'NoSuchEntity', message: 'gone' })
      expect(await s.getServiceLastAccessedJob('2b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0')).toBeUndefined()

      expect(await s.getGlobalEndpointTokenVersion()).toBeUndefined()
      await s.setGlobalEndpointTokenVersion('v2Token')
      expect(await s.getGlobalEndpointTokenVersion()).toBe('v2Token')
      await s.setGlobalEndpointTokenVersion('v1Token')
      expect(await s.getGlobalEndpointTokenVersion()).toBe('v1Token')

      await s.recordServiceAccess([entry('AIDAA', 'ListUsers', '2026-01-01T00:00:10.000Z')])
      await s.reset()
      expect(await s.getServiceLastAccessedJob(id)).toBeUndefined()
      expect(await s.listServiceAccess(['AIDAA'])).toEqual([])
      expect(await s.getGlobalEndpointTokenVersion()).toBeUndefined()
    })
  })
}
