/**
 * Report jobs, kept in the store so that every replica answers alike (as the credential
 * report is): GenerateServiceLastAccessedDetails records the job IN_PROGRESS and builds the
 * report after the response; the job then turns COMPLETED, or FAILED when its target has
 * gone meanwhile. A job still in progress after GENERATION_TIMEOUT_MS was lost with the
 * process that ran it: the next read (on any replica) runs it again.
 */
import { isAwsError } from '../../protocol/index.js'
import type { OperationContext } from '../../server/operation.js'
import type { ServiceLastAccessedJobRecord, Store } from '../../store/index.js'
import { iamError } from '../shared/errors.js'
import { buildReport, type StoredReport } from './report.js'
import { resolveTarget } from './target.js'

const GENERATION_TIMEOUT_MS = 2 * 60 * 1000

async function run(store: Store, accountId: string, job: ServiceLastAccessedJobRecord): Promise<void> {
  const started = performance.now()
  const done = (): Date => new Date(job.createDate.getTime() + Math.round(performance.now() - started))
  try {
    const target = await resolveTarget(store, accountId, job.arn, true)
    const report = await buildReport(store, target, job.granularity)
    await store.putServiceLastAccessedJob({ ...job, status: 'COMPLETED', completionDate: done(), report: JSON.stringify(report) })
  } catch (e) {
    // The target was deleted (or its policy became unparsable) after the job was accepted.
    if (isAwsError(e)) await store.putServiceLastAccessedJob({ ...job, status: 'FAILED', completionDate: done(), error: { code: e.code, message: e.message } })
    else throw e
  }
}

/** Runs the job after the current request; a failure (the store closing) leaves it in progress for a later read to retry. */
export function runLater(store: Store, accountId: string, job: ServiceLastAccessedJobRecord): void {
  setImmediate(() => void run(store, accountId, job).catch(() => undefined))
}

/**
 * The job with this id and, once it is COMPLETED, its report; NoSuchEntity if there is no
 * such job. A lost job is started again.
 */
export async function readJob(ctx: OperationContext, id: string): Promise<{ job: ServiceLastAccessedJobRecord; report?: StoredReport }> {
  const job = await ctx.store.getServiceLastAccessedJob(id)
  if (job === undefined) throw iamError('NoSuchEntity', `The job with ID ${id} cannot be found.`)
  if (job.status === 'IN_PROGRESS' && ctx.now.getTime() - job.createDate.getTime() > GENERATION_TIMEOUT_MS) runLater(ctx.store, ctx.accountId, job)
  return job.status === 'COMPLETED' && job.report !== undefined ? { job, report: JSON.parse(job.report) as StoredReport } : { job }
}

/** The members every Get*ServiceLastAccessedDetails* output starts with. */
export function jobStatusOutput(job: ServiceLastAccessedJobRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { JobStatus: job.status, JobCreationDate: job.createDate }
  if (job.completionDate !== undefined) out.JobCompletionDate = job.completionDate
  if (job.error !== undefined) out.Error = { Message: job.error.message, Code: job.error.code }
  return out
}
