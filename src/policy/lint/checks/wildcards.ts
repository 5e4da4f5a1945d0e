/**
 * Broad grants: whole-service or all-action wildcards on every resource, Allow with
 * NotAction (everything not listed, including actions AWS adds later) and Allow with
 * NotPrincipal.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
 */
import { elementOf, grantsPermissions, valuesOf, type LintContext, type StatementView } from '../context.js'

/** True for `*` and for an ARN whose resource part is `*` (`arn:aws:s3:::*`): every resource of the service. */
export function coversAllResources(resource: string): boolean {
  if (resource === '*') return true
  const parts = resource.split(':')
  return parts.length === 6 && parts[0] === 'arn' && parts[5] === '*' && (parts[4] === '' || parts[4] === '*') && (parts[3] === '' || parts[3] === '*')
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
