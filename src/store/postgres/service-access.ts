import {
  GET_TOKEN_VERSION_SQL, JOB_COLUMNS, PUT_JOB_SQL, RECORD_SERVICE_ACCESS_SQL, SERVICE_ACCESS_COLUMNS, SET_TOKEN_VERSION_SQL,
  jobParams, jobRecord, serviceAccessRecord, type JobRow, type ServiceAccessRow
} from '../service-access-records.js'
import type { GlobalEndpointTokenVersion, ServiceAccessEntry, ServiceLastAccessedJobRecord } from '../service-access-types.js'
import { givenDate } from '../rules.js'
import type { ServiceAccessStore } from '../store.js'
import type { WithSession } from './ops.js'

/** ServiceAccessStore over PostgreSQL. */
export const serviceAccessOps: WithSession<ServiceAccessStore> = {
  async recordServiceAccess(s, entries: readonly ServiceAccessEntry[]) {
    // Sorted, so two replicas flushing overlapping batches lock rows in one order and never deadlock.
    const sorted = [...entries].sort((a, b) => (a.entityId + a.namespace + a.action < b.entityId + b.namespace + b.action ? -1 : 1))
    for (const e of sorted) await s.run(RECORD_SERVICE_ACCESS_SQL, e.entityId, e.entityArn, e.namespace, e.action, givenDate(e.at), e.region)
  },
  async listServiceAccess(s, entityIds: readonly string[]) {
    if (entityIds.length === 0) return []
    const rows = await s.all<ServiceAccessRow>(`SELECT ${SERVICE_ACCESS_COLUMNS} FROM service_last_accessed WHERE entity_id = ANY(?)`, entityIds)
    return rows.map(serviceAccessRecord)
  },
  async putServiceLastAccessedJob(s, job: ServiceLastAccessedJobRecord) {
    await s.accountId()
    await s.run(PUT_JOB_SQL, job.id, job.arn, job.granularity, job.status, ...jobParams(job, givenDate))
  },
  async getServiceLastAccessedJob(s, id: string) {
    const row = await s.get<JobRow>(`SELECT ${JOB_COLUMNS} FROM service_last_accessed_jobs WHERE id = ?`, id)
    return row && jobRecord(row)
  },
  async getGlobalEndpointTokenVersion(s) {
    return (await s.get<{ global_endpoint_token_version: GlobalEndpointTokenVersion }>(GET_TOKEN_VERSION_SQL))?.global_endpoint_token_version
  },
  async setGlobalEndpointTokenVersion(s, version: GlobalEndpointTokenVersion) {
    await s.accountId()
    await s.run(SET_TOKEN_VERSION_SQL, version)
  }
}
