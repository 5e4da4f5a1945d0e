/**
 * GenerateCredentialReport (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GenerateCredentialReport.html).
 * A report younger than four hours is COMPLETE; otherwise generation starts (STARTED) and
 * runs after the response, so a request that arrives meanwhile sees INPROGRESS, as on AWS.
 * The record lives in the store, so every replica answers alike.
 */
import { defineOperation } from '../../server/operation.js'
import type { Store } from '../../store/index.js'
import { buildCredentialReport } from './credential-report.js'

/** How long a report is served before a new one is generated (IAM: four hours). */
export const REPORT_LIFETIME_MS = 4 * 60 * 60 * 1000
/** A generation that has not finished after this long is taken as lost (its process died) and restarted. */
const GENERATION_TIMEOUT_MS = 2 * 60 * 1000

async function generate(store: Store, accountId: string, requestedAt: Date): Promise<void> {
  const started = performance.now()
  const content = await buildCredentialReport(store, accountId)
  const current = await store.getCredentialReport()
  // A newer request restarted generation meanwhile: its report wins.
  if (current?.requestedAt.getTime() !== requestedAt.getTime()) return
  const generatedAt = new Date(requestedAt.getTime() + Math.round(performance.now() - started))
  await store.putCredentialReport({ requestedAt, generatedAt, content })
}

export const generateCredentialReport = defineOperation<Record<string, never>, { State: string; Description?: string }>({
  service: 'iam',
  name: 'GenerateCredentialReport',
  async handler(_input, ctx) {
    const now = ctx.now.getTime()
    const report = await ctx.store.getCredentialReport()
    if (report?.generatedAt !== undefined && now - report.generatedAt.getTime() < REPORT_LIFETIME_MS) return { State: 'COMPLETE' }
    if (report !== undefined && report.generatedAt === undefined && now - report.requestedAt.getTime() < GENERATION_TIMEOUT_MS) {
      return { State: 'INPROGRESS' }
    }
    const requestedAt = ctx.now
    await ctx.store.putCredentialReport({ requestedAt })
    // Generation outlives the request; a failure (e.g. the store closing at shutdown) leaves
    // the record in progress until the timeout lets the next request start over.
    setImmediate(() => void generate(ctx.store, ctx.accountId, requestedAt).catch(() => undefined))
    return { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' }
  }
})
