/**
 * Redundant statements: a statement whose actions and resources another statement with the
 * same effect, the same principal and no conditions already covers adds nothing (its own
 * conditions cannot narrow what the other grants). Editing one copy later and not the
 * other is how policies drift into granting more than intended.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_statement.html
 */
import type { PrincipalSpec, Statement } from '../../model.js'
import { describeStatement, type LintContext, type StatementView } from '../context.js'
import { patternCovers } from '../patterns.js'

/** Reports each statement another one covers (for identical pairs, the later one). */
export function checkRedundantStatements(ctx: LintContext, views: StatementView[]): void {
  for (const inner of views) {
    const outer = views.find((o) => o !== inner && covers(o.statement, inner.statement) && (o.index < inner.index || !covers(inner.statement, o.statement)))
    if (outer === undefined) continue
    const conditions = inner.statement.conditions.length > 0 ? ` Its conditions do not narrow anything: ${describeStatement(outer)} has none.` : ''
    ctx.report(
      'REDUNDANT_STATEMENT',
      { path: inner.path, range: inner.node.range },
      `The statements are redundant because they provide identical permissions: ${describeStatement(outer)} already ${outer.statement.effect === 'Allow' ? 'allows' : 'denies'} everything ${describeStatement(inner)} does.${conditions} Update the policy to remove the redundant statement.`,
      { statement: inner }
    )
  }
}

/** True when `outer` (same effect, no conditions) applies to every request `inner` applies to. */
function covers(outer: Statement, inner: Statement): boolean {
  if (outer.effect !== inner.effect || outer.conditions.length > 0) return false
  if (outer.notAction !== undefined || inner.notAction !== undefined || outer.notResource !== undefined || inner.notResource !== undefined) return false
  if (outer.notPrincipal !== undefined || inner.notPrincipal !== undefined) return false
  if (!principalCovers(outer.principal, inner.principal)) return false
  if (!allCovered(outer.action ?? [], inner.action ?? [], true)) return false
  // Trust policies have no Resource: both statements then apply to the role itself.
  if (outer.resource === undefined || inner.resource === undefined) return outer.resource === inner.resource
  return allCovered(outer.resource, inner.resource, false)
}

function allCovered(outer: string[], inner: string[], ignoreCase: boolean): boolean {
  return inner.length > 0 && inner.every((i) => outer.some((o) => patternCovers(o, i, ignoreCase)))
}

function principalCovers(outer: PrincipalSpec | undefined, inner: PrincipalSpec | undefined): boolean {
  if (outer === undefined || inner === undefined) return outer === inner
  if (outer.wildcard) return true
  if (inner.wildcard) return false
  const within = (o: string[], i: string[]) => o.includes('*') || i.every((x) => o.includes(x))
  return within(outer.aws, inner.aws) && within(outer.service, inner.service) && within(outer.federated, inner.federated) && within(outer.canonicalUser, inner.canonicalUser)
}
