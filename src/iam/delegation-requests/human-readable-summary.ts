/**
 * GetHumanReadableSummary (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetHumanReadableSummary.html).
 * AWS writes the summary with a large language model; Warden writes a deterministic one
 * from the request itself, in English only (docs/delegation.md): who asks, for how long,
 * and each statement of the rendered policy. iam:GetHumanReadableSummary or
 * iam:GetDelegationRequest on the request lets a caller read it (the owner needs neither).
 */
import { defineOperation } from '../../server/operation.js'
import type { DelegationRequestRecord } from '../../store/index.js'
import { iamError, isIamError } from '../shared/errors.js'
import { authorizedRequest, noSuchDelegationRequest } from './access.js'
import { policyStatements, stringList as list, type StatementJson } from './policy-statements.js'

const REQUEST_ARN = /^arn:aws:iam::(\d{12}):delegation-request\/([\w-]{16,128})$/

function duration(seconds: number): string {
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const parts = [h > 0 ? `${h} hour${h === 1 ? '' : 's'}` : '', m > 0 ? `${m} minute${m === 1 ? '' : 's'}` : ''].filter(Boolean)
  return parts.length > 0 ? parts.join(' ') : `${seconds} seconds`
}

/** One line per statement: effect, actions and resources, and whether conditions narrow it. */
function statementLine(st: StatementJson): string {
  const verb = st.Effect === 'Deny' ? 'Deny' : 'Allow'
  const actions = st.NotAction !== undefined ? `every action except ${list(st.NotAction).join(', ')}` : list(st.Action).join(', ')
  const resources = st.NotResource !== undefined
    ? `every resource except ${list(st.NotResource).join(', ')}`
    : list(st.Resource).map((r) => (r === '*' ? 'all resources' : r)).join(', ')
  return `- ${verb} ${actions} on ${resources}${st.Condition !== undefined ? ' (only when its conditions hold)' : ''}`
}

/** The summary text of a request. */
export function summarizeDelegationRequest(r: DelegationRequestRecord): string {
  const statements = policyStatements(r.permissionPolicy)
  const target = r.ownerAccountId !== undefined ? `account ${r.ownerAccountId}` : 'any account that accepts it'
  return [
    `Account ${r.requestorAccountId} requests temporary access to ${target} for ${duration(r.sessionDuration)}, starting when the exchange token is sent.`,
    `Description: ${r.description}`,
    ...(r.requestMessage !== undefined ? [`Message: ${r.requestMessage}`] : []),
    'The delegated credentials would be limited to:',
    ...statements.map(statementLine),
    'They can never exceed the permissions of the identity that accepts the request.'
  ].join('\n')
}

export const getHumanReadableSummary = defineOperation({
  service: 'iam',
  name: 'GetHumanReadableSummary',
  skipAuthorization: true,
  async handler(input: { EntityArn: string; Locale?: string }, ctx) {
    const m = REQUEST_ARN.exec(input.EntityArn)
    if (!m) throw iamError('InvalidInput', `Invalid EntityArn ${input.EntityArn}: only delegation-request ARNs can be summarized.`)
    if (m[1] !== ctx.accountId) throw noSuchDelegationRequest(m[2]!)
    const id = m[2]!
    const r = await authorizedRequest(ctx, id, 'iam:GetHumanReadableSummary', 'owner-may').catch(async (denied: unknown) => {
      if (!isIamError(denied, 'AccessDenied')) throw denied
      // AWS: whoever may call GetDelegationRequest for a request may always read its summary.
      return authorizedRequest(ctx, id, 'iam:GetDelegationRequest', 'owner-may').catch((err: unknown) => {
        throw isIamError(err, 'AccessDenied') ? denied : err
      })
    })
    const locale = input.Locale ?? 'en'
    if (!/^en([-_]|$)/i.test(locale)) return { Locale: locale, SummaryState: 'NOT_SUPPORTED' }
    return { SummaryContent: summarizeDelegationRequest(r), Locale: locale, SummaryState: 'AVAILABLE' }
  }
})
