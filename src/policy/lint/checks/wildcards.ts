/**
 * Broad grants: whole-service or all-action wildcards on every resource, Allow with
 * NotAction (everything not listed, including actions AWS adds later) and Allow with
 * NotPrincipal.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
 */
import { elementOf, grantsPermissions, valuesOf, type LintContext, type LocatedValue, type StatementView } from '../context.js'

/** True for `*` and for an ARN whose resource part is `*` (`arn:aws:s3:::*`): every resource of the service. */
export function coversAllResources(resource: string): boolean {
  if (resource === '*') return true
  const parts = resource.split(':')
  return parts.length === 6 && parts[0] === 'arn' && parts[5] === '*' && (parts[4] === '' || parts[4] === '*') && (parts[3] === '' || parts[3] === '*')
}

/**
 * Actions that can be limited to named resources (they have resource types) granted on
 * every resource: least privilege names the buckets, instances or repositories instead.
 * Whole-service wildcards and iam:PassRole have their own findings.
 */
function checkScopableActions(ctx: LintContext, view: StatementView, everything: LocatedValue): void {
  const scopable = new Map<string, string[]>()
  for (const a of valuesOf(view, 'Action')) {
    if (/[*?]/.test(a.value) || a.value.toLowerCase() === 'iam:passrole') continue
    const info = ctx.catalog.getAction(a.value)
    const types = info?.resourceTypes.filter((t) => t.arnFormat !== undefined).map((t) => t.name) ?? []
    if (info !== undefined && types.length > 0) scopable.set(info.fullName, types)
  }
  if (scopable.size === 0) return
  const names = [...scopable.keys()]
  const types = [...new Set([...scopable.values()].flat())].slice(0, 4).join(', ')
  const at = elementOf(view, 'Resource')!
  ctx.report(
    'SCOPABLE_ACTION_ON_ALL_RESOURCES',
    at,
    `${names.join(', ')} can be limited to named resources (${types}) but this statement allows ${names.length === 1 ? 'it' : 'them'} on "${everything.value}". Name the resources the principal uses, or narrow with conditions such as aws:ResourceTag.`,
    { statement: view }
  )
}

/** Wildcard-on-everything, Allow+NotAction and Allow+NotPrincipal checks. */
export function checkWildcards(ctx: LintContext, view: StatementView): void {
  const { statement } = view
  if (statement.effect !== 'Allow') return
  const grants = grantsPermissions(ctx.kind)
  const everything = valuesOf(view, 'Resource').find((r) => coversAllResources(r.value))
  if (everything !== undefined && grants) {
    for (const a of valuesOf(view, 'Action')) {
      const name = a.value.slice(a.value.indexOf(':') + 1)
      if (a.value === '*') {
        ctx.report('STAR_IN_ACTION_AND_RESOURCE', a, `"Action": "*" with "Resource": "${everything.value}" allows every action of every AWS service on every resource: full administrator access. Grant the actions this principal needs on the resources it uses.`, { statement: view })
      } else if (name === '*') {
        const service = a.value.slice(0, a.value.indexOf(':'))
        ctx.report('STAR_IN_ACTION_AND_RESOURCE', a, `${a.value} on "${everything.value}" allows every ${service} action, including ones AWS adds later, on every ${service} resource. List the ${service} actions this principal needs and the resources they act on.`, { statement: view })
      }
    }
    if (view.statement.conditions.length === 0) checkScopableActions(ctx, view, everything)
  }
  const notAction = elementOf(view, 'NotAction')
  if (notAction !== undefined && grants) {
    const scope = everything !== undefined ? ' on every resource' : ''
    ctx.report('ALLOW_WITH_NOT_ACTION', notAction, `Allow with NotAction allows every action that is not listed, in every AWS service and including actions AWS adds later${scope}. List the allowed actions in Action instead, or use NotAction with Deny.`, { statement: view })
  }
  const notPrincipal = elementOf(view, 'NotPrincipal')
  if (notPrincipal !== undefined) {
    ctx.report('ALLOW_WITH_NOT_PRINCIPAL', notPrincipal, 'Using Allow with NotPrincipal can be overly permissive. We recommend that you use Principal instead.', { statement: view })
  }
}
