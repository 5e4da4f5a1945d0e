/**
 * Action checks: the service and the action exist (IAM accepts any name, so a typo such as
 * `s3:ListBuckets` silently grants nothing), wildcards in service names, and actions an
 * earlier one in the same element already covers.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
import { valuesOf, type LintContext, type LocatedValue, type StatementView } from '../context.js'
import { patternCovers } from '../patterns.js'

const WILDCARD = /[*?]/

/** Existence and redundancy checks for Action and NotAction. */
export function checkActions(ctx: LintContext, view: StatementView): void {
  for (const element of ['Action', 'NotAction']) {
    const values = valuesOf(view, element)
    for (const v of values) checkOne(ctx, view, v)
    checkRedundant(ctx, view, values)
  }
}

function checkOne(ctx: LintContext, view: StatementView, v: LocatedValue): void {
  const action = v.value
  if (action === '*') return
  const colon = action.indexOf(':')
  if (colon < 0) return // IAM's own validation reports it
  const service = action.slice(0, colon)
  const name = action.slice(colon + 1)
  if (WILDCARD.test(service)) return // IAM rejects wildcards in an action's service prefix
  const { catalog } = ctx
  if (!catalog.serviceExists(service)) {
    const near = catalog.suggestServices(service)[0]
    const meant = near !== undefined && !WILDCARD.test(name) ? catalog.getAction(`${near}:${name}`)?.fullName : undefined
    const suggestion = meant ?? (near !== undefined ? `${near}:${name}` : undefined)
    const hint = suggestion !== undefined ? ` Did you mean ${suggestion}?` : ''
    ctx.report('INVALID_SERVICE_IN_ACTION', v, `The service ${service} specified in the action ${action} does not exist.${hint}`, { statement: view, suggestion })
    return
  }
  if (WILDCARD.test(name)) {
    if (catalog.expandAction(action).length === 0) {
      ctx.report('INVALID_ACTION', v, `The action pattern ${action} matches no ${service.toLowerCase()} action, so it grants nothing.`, { statement: view })
    }
    return
  }
  if (catalog.getAction(action) !== undefined) return
  const suggestion = catalog.suggestActions(action)[0]?.action
  const hint = suggestion !== undefined ? ` Did you mean ${suggestion}?` : ''
  ctx.report('INVALID_ACTION', v, `The action ${action} does not exist.${hint}`, { statement: view, suggestion })
}

/** An action another value of the same element already covers (`iam:Get*` and `iam:GetUser`). */
function checkRedundant(ctx: LintContext, view: StatementView, values: LocatedValue[]): void {
  values.forEach((v, i) => {
    const cover = values.find((other, j) => j !== i && patternCovers(other.value, v.value, true) && (j < i || !patternCovers(v.value, other.value, true)))
    if (cover === undefined) return
    ctx.report('REDUNDANT_ACTION', v, `The action ${v.value} is redundant because ${cover.value} already provides it. Update the policy to remove the redundant action.`, { statement: view })
  })
}
