/**
 * Service last accessed rows as both dialects store them: column lists, the upsert that
 * keeps the latest attempt per entity and action, row mappers, and the reset order.
 */
import type { ServiceAccessEntry, ServiceLastAccessedJobRecord } from './service-access-types.js'

type Stamp = string | Date

/** Tables emptied by reset(), appended to RESET_ORDER (no foreign keys point at them). */
export const SERVICE_ACCESS_RESET_ORDER = ['service_last_accessed', 'service_last_accessed_jobs', 'sts_preferences'] as const

export interface ServiceAccessRow {
  entity_id: string
  entity_arn: string
  namespace: string
  action: string
  last_authenticated: Stamp
  region: string
}

export const SERVICE_ACCESS_COLUMNS = 'entity_id, entity_arn, namespace, action, last_authenticated, region'

/** Inserts one attempt, or moves an existing row forward; an older attempt arriving late changes nothing. */
export const RECORD_SERVICE_ACCESS_SQL = `INSERT INTO service_last_accessed (${SERVICE_ACCESS_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT (entity_id, namespace, action) DO UPDATE SET entity_arn = excluded.entity_arn,
    last_authenticated = excluded.last_authenticated, region = excluded.region
  WHERE excluded.last_authenticated > service_last_accessed.last_authenticated`

export function serviceAccessRecord(row: ServiceAccessRow): ServiceAccessEntry {
  return {
    entityId: row.entity_id,
    entityArn: row.entity_arn,
    namespace: row.namespace,
    action: row.action,
    at: new Date(row.last_authenticated),
    region: row.region
  }
}

export interface JobRow {
  id: string
  arn: string
  granularity: ServiceLastAccessedJobRecord['granularity']
  status: ServiceLastAccessedJobRecord['status']
  create_date: Stamp
  completion_date: Stamp | null
  report: string | null
  error_code: string | null
  error_message: string | null
}

export const JOB_COLUMNS = 'id, arn, granularity, status, create_date, completion_date, report, error_code, error_message'

/** Inserts or replaces one job row (the columns of JOB_COLUMNS, in order). */
export const PUT_JOB_SQL = `INSERT INTO service_last_accessed_jobs (${JOB_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET status = excluded.status, completion_date = excluded.completion_date,
    report = excluded.report, error_code = excluded.error_code, error_message = excluded.error_message`

export function jobRecord(row: JobRow): ServiceLastAccessedJobRecord {
  const job: ServiceLastAccessedJobRecord = {
    id: row.id, arn: row.arn, granularity: row.granularity, status: row.status, createDate: new Date(row.create_date)
  }
  if (row.completion_date !== null) job.completionDate = new Date(row.completion_date)
  if (row.report !== null) job.report = row.report
  if (row.error_code !== null) job.error = { code: row.error_code, message: row.error_message ?? '' }
  return job
}

/** The job's columns after id, arn, granularity, status, in PUT_JOB_SQL's order, dates by `date`. */
export function jobParams<D>(job: ServiceLastAccessedJobRecord, date: (d: Date) => D): [D, D | undefined, string | undefined, string | undefined, string | undefined] {
  return [date(job.createDate), job.completionDate && date(job.completionDate), job.report, job.error?.code, job.error?.message]
}

export const GET_TOKEN_VERSION_SQL = 'SELECT global_endpoint_token_version FROM sts_preferences WHERE singleton = 1'
export const SET_TOKEN_VERSION_SQL = `INSERT INTO sts_preferences (singleton, global_endpoint_token_version) VALUES (1, ?)
  ON CONFLICT (singleton) DO UPDATE SET global_endpoint_token_version = excluded.global_endpoint_token_version`
