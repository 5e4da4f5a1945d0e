import {
  GET_TOKEN_VERSION_SQL, JOB_COLUMNS, PUT_JOB_SQL, RECORD_SERVICE_ACCESS_SQL, SERVICE_ACCESS_COLUMNS, SET_TOKEN_VERSION_SQL,
  jobParams, jobRecord, serviceAccessRecord, type JobRow, type ServiceAccessRow
} from '../service-access-records.js'
import type { GlobalEndpointTokenVersion, ServiceAccessEntry, ServiceLastAccessedJobRecord } from '../service-access-types.js'
import type { ServiceAccessStore } from '../store.js'
import { isoDate, type SqliteContext } from './context.js'
import type { Sync } from './sync.js'

/** ServiceAccessStore over SQLite. */
export function serviceAccessOps(ctx: SqliteContext): Sync<ServiceAccessStore> {
  return {
    recordServiceAccess(entries: readonly ServiceAccessEntry[]): void {
      for (const e of entries) ctx.run(RECORD_SERVICE_ACCESS_SQL, e.entityId, e.entityArn, e.namespace, e.action, isoDate(e.at), e.region)
    },
    listServiceAccess(entityIds: readonly string[]): ServiceAccessEntry[] {
      if (entityIds.length === 0) return []
      return ctx.all<ServiceAccessRow>(
        `SELECT ${SERVICE_ACCESS_COLUMNS} FROM service_last_accessed WHERE entity_id IN (SELECT value FROM json_each(?))`,
        JSON.stringify(entityIds)
      ).map(serviceAccessRecord)
    },
    putServiceLastAccessedJob(job: ServiceLastAccessedJobRecord): void {
      ctx.accountId()
      ctx.run(PUT_JOB_SQL, job.id, job.arn, job.granularity, job.status, ...jobParams(job, isoDate))
    },
    getServiceLastAccessedJob(id: string): ServiceLastAccessedJobRecord | undefined {
      const row = ctx.get<JobRow>(`SELECT ${JOB_COLUMNS} FROM service_last_accessed_jobs WHERE id = ?`, id)
      return row && jobRecord(row)
    },
    getGlobalEndpointTokenVersion(): GlobalEndpointTokenVersion | undefined {
      return ctx.get<{ global_endpoint_token_version: GlobalEndpointTokenVersion }>(GET_TOKEN_VERSION_SQL)?.global_endpoint_token_version
    },
    setGlobalEndpointTokenVersion(version: GlobalEndpointTokenVersion): void {
      ctx.accountId()
      ctx.run(SET_TOKEN_VERSION_SQL, version)
    }
  }
}
