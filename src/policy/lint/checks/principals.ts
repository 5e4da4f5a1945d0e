/**
 * Trust and resource-based policies open to everyone: `"Principal": "*"` (or `{"AWS": "*"}`)
 * with no condition that narrows who the caller is lets any AWS account assume the role,
 * or anyone (anonymous callers included) use the resource.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous
 */
import { clausesOf, elementOf, type LintContext, type StatementView } from '../context.js'

// Keys whose value identifies or confines the caller (account, organization, network, identity provider).
const NARROWING_KEYS = new Set([
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalservicename',
  'aws:principalisawsservice',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceip',
  'aws:vpcsourceip',
  'aws:userid',
  'aws:username',
  'aws:federatedprovider',
  'sts:externalid'
])

/** True when the condition key narrows who may make the request. */
function narrowsPrincipal(key: string): boolean {
  const lower = key.toLowerCase()
  if (NARROWING_KEYS.has(lower) || lower.startsWith('aws:principaltag/')) return true
  // Identity-provider claims: saml:aud, token.actions.githubusercontent.com:sub, accounts.google.com:aud.
  const prefix = lower.slice(0, lower.indexOf(':'))
  return prefix === 'saml' || prefix.includes('.')
}

/** `"Principal": "*"` in an Allow statement without a condition that narrows the caller. */
export function checkPrincipals(ctx: LintContext, view: StatementView): void {
  const { statement } = view
  const principal = statement.principal
  if (statement.effect !== 'Allow' || principal === undefined) return
  if (!principal.wildcard && !principal.aws.includes('*')) return
  if (clausesOf(view).some((c) => narrowsPrincipal(c.clause.key))) return
  const at = elementOf(view, 'Principal')!
  const why = statement.conditions.length > 0 ? ' Its conditions do not narrow who the caller is.' : ''
  const message =
    ctx.kind === 'trust'
      ? `Any AWS principal, in any AWS account, can assume this role: the statement allows "Principal": "*".${why} Name the accounts, users, roles or services that may assume it, or add a condition such as aws:PrincipalOrgID or sts:ExternalId.`
      : `Anyone, including anonymous callers, is allowed by this statement: "Principal": "*".${why} Name the principals that need access, or add a condition such as aws:PrincipalOrgID, aws:SourceAccount or aws:SourceVpce.`
  ctx.report('ANY_PRINCIPAL_WITHOUT_CONDITION', at, message, { statement: view })
}
