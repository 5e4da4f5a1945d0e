/**
 * GetServiceLastAccessedDetails (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetServiceLastAccessedDetails.html):
 * the job's status and, once COMPLETED, one ServiceLastAccessed per service the target's
 * permissions policies allow: LastAuthenticated, LastAuthenticatedEntity and
 * LastAuthenticatedRegion only for services someone attempted to use, TotalAuthenticatedEntities
 * always, TrackedActionsLastAccessed for ACTION_LEVEL jobs on tracked services that were used.
 */
import { defineOperation } from '../../server/operation.js'
import { pageInMemory } from '../roles/memory-page.js'
import { pageOutput } from '../shared/paging.js'
import { jobStatusOutput, readJob } from './jobs.js'
import type { ReportService, StoredReport } from './report.js'

interface Input {
  JobId: string
  MaxItems?: number
  Marker?: string
}

function serviceOutput(report: StoredReport, s: ReportService): Record<string, unknown> {
  const out: Record<string, unknown> = { ServiceName: s.name, ServiceNamespace: s.namespace }
  if (s.last !== undefined) {
    out.LastAuthenticated = new Date(s.last.time)
    out.LastAuthenticatedEntity = report.entities[s.last.entity]?.arn
    out.LastAuthenticatedRegion = s.last.region
  }
  out.TotalAuthenticatedEntities = s.used.length
  if (s.tracked !== undefined) {
    out.TrackedActionsLastAccessed = s.tracked.map((a) => ({
      ActionName: a.action, LastAccessedEntity: report.entities[a.entity]?.arn, LastAccessedTime: new Date(a.time), LastAccessedRegion: a.region
    }))
  }
  return out
}

export const getServiceLastAccessedDetails = defineOperation<Input, Record<string, unknown>>({
  service: 'iam',
  name: 'GetServiceLastAccessedDetails',
  async handler(input, ctx) {
    const { job, report } = await readJob(ctx, input.JobId)
    const page = pageInMemory(report?.services ?? [], input.Marker, input.MaxItems)
    return {
      ...jobStatusOutput(job),
      JobType: job.granularity,
      ServicesLastAccessed: page.items.map((s) => serviceOutput(report!, s)),
      ...pageOutput(page)
    }
  }
})
