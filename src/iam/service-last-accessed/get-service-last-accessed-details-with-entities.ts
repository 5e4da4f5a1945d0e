/**
 * GetServiceLastAccessedDetailsWithEntities (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetServiceLastAccessedDetailsWithEntities.html):
 * for one service of a completed report, every user or role whose use the report counts (a
 * group's members; a policy's users and roles; the user or role itself), most recent
 * attempt first, those that made none after them by name, without LastAuthenticated.
 */
import { defineOperation } from '../../server/operation.js'
import { pageInMemory } from '../roles/memory-page.js'
import { pageOutput } from '../shared/paging.js'
import { jobStatusOutput, readJob } from './jobs.js'

interface Input {
  JobId: string
  ServiceNamespace: string
  MaxItems?: number
  Marker?: string
}

interface Row {
  info: Record<string, string>
  time?: string
}

export const getServiceLastAccessedDetailsWithEntities = defineOperation<Input, Record<string, unknown>>({
  service: 'iam',
  name: 'GetServiceLastAccessedDetailsWithEntities',
  async handler(input, ctx) {
    const { job, report } = await readJob(ctx, input.JobId)
    const service = report?.services.find((s) => s.namespace === input.ServiceNamespace.toLowerCase())
    const rows: Row[] = []
    if (report !== undefined && service !== undefined) {
      const used = new Map(service.used.map((a) => [a.entity, a.time]))
      report.entities.forEach((e, i) => {
        const info = { Arn: e.arn, Name: e.name, Type: e.type, Id: e.id, Path: e.path }
        const time = used.get(i)
        rows.push(time === undefined ? { info } : { info, time })
      })
      rows.sort((a, b) => (b.time ?? '').localeCompare(a.time ?? '') || (a.info.Name as string).localeCompare(b.info.Name as string))
    }
    const page = pageInMemory(rows, input.Marker, input.MaxItems)
    return {
      ...jobStatusOutput(job),
      EntityDetailsList: page.items.map((r) => (r.time === undefined ? { EntityInfo: r.info } : { EntityInfo: r.info, LastAuthenticated: new Date(r.time) })),
      ...pageOutput(page)
    }
  }
})
