/**
 * GetCredentialReport (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetCredentialReport.html):
 * the CSV (base64 on the wire), ReportFormat text/csv and GeneratedTime. Before any
 * generation it fails ReportNotPresent (410), while generating ReportInProgress (404), and
 * after four hours ReportExpired (410); AWS sends these three without a message.
 */
import { defineOperation } from '../../server/operation.js'
import { iamError } from '../shared/errors.js'
import { REPORT_LIFETIME_MS } from './generate-credential-report.js'

export const getCredentialReport = defineOperation<Record<string, never>, Record<string, unknown>>({
  service: 'iam',
  name: 'GetCredentialReport',
  async handler(_input, ctx) {
    const report = await ctx.store.getCredentialReport()
    if (report === undefined) throw iamError('ReportNotPresent', '')
    if (report.generatedAt === undefined || report.content === undefined) throw iamError('ReportInProgress', '')
    if (ctx.now.getTime() - report.generatedAt.getTime() >= REPORT_LIFETIME_MS) throw iamError('ReportExpired', '')
    return { Content: Buffer.from(report.content, 'utf8'), ReportFormat: 'text/csv', GeneratedTime: report.generatedAt }
  }
})
