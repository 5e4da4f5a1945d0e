/**
 * GenerateServiceLastAccessedDetails (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GenerateServiceLastAccessedDetails.html):
 * checks the user, group, role or managed policy now (InvalidInput, NoSuchEntity), records a
 * job and returns its id; the report is built after the response (see jobs.ts).
 */
import { randomUUID } from 'node:crypto'
import { defineOperation } from '../../server/operation.js'
import type { ServiceLastAccessedGranularity } from '../../store/index.js'
import { runLater } from './jobs.js'
import { resolveTarget } from './target.js'

interface Input {
  Arn: string
  Granularity?: ServiceLastAccessedGranularity
}

export const generateServiceLastAccessedDetails = defineOperation<Input, { JobId: string }>({
  service: 'iam',
  name: 'GenerateServiceLastAccessedDetails',
  resource: (input) => input.Arn,
  async handler(input, ctx) {
    const target = await resolveTarget(ctx.store, ctx.accountId, input.Arn, true)
    const job = { id: randomUUID(), arn: target.arn, granularity: input.Granularity ?? 'SERVICE_LEVEL', status: 'IN_PROGRESS', createDate: ctx.now } as const
    await ctx.store.putServiceLastAccessedJob(job)
    runLater(ctx.store, ctx.accountId, job)
    return { JobId: job.id }
  }
})
