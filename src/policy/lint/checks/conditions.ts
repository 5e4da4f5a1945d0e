/**
 * Condition checks: keys that do not exist, keys the statement's actions never set (the
 * condition then fails, or never matches, for those actions), set operators on
 * single-valued keys, Null with a set operator, and wildcards under an Equals operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
 */
import { clausesOf, valuesOf, type LintContext, type LocatedClause, type StatementView } from '../context.js'
import type { LintActionInfo } from '../types.js'

const WILDCARD = /[*?]/
const NEGATED = new Set(['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike', 'NumericNotEquals', 'DateNotEquals', 'NotIpAddress', 'ArnNotEquals', 'ArnNotLike'])
const EQUALS_OPERATORS = new Set(['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase'])

/** Every condition check for one statement. */
export function checkConditions(ctx: LintContext, view: StatementView): void {
  for (const c of clausesOf(view)) {
    const key = c.clause.key
    const colon = key.indexOf(':')
    if (colon <= 0) {
      ctx.report('INVALID_CONDITION_KEY_FORMAT', c, `The condition key ${key} is not valid. Use the format service:keyname.`, { statement: view })
      continue
    }
    checkOperator(ctx, view, c)
    const prefix = key.slice(0, colon).toLowerCase()
    if (prefix === 'aws') {
      if (ctx.catalog.getConditionKey(key) === undefined) ctx.report('INVALID_GLOBAL_CONDITION_KEY', c, `The condition key ${key} does not exist. Use a valid condition key.`, { statement: view })
      else checkSetOperator(ctx, view, c)
      continue
    }
    // Identity-provider claims (saml:aud, accounts.google.com:sub, an OIDC provider's URL) are not services.
    if (prefix === 'saml' || prefix.includes('.') || prefix.includes('/')) continue
    if (!ctx.catalog.serviceExists(prefix)) {
      ctx.report('INVALID_SERVICE', c, `The service ${prefix} in the condition key ${key} does not exist. Use a valid service name.`, { statement: view })
      continue
    }
    if (ctx.catalog.getConditionKey(key) === undefined) {
      ctx.report('INVALID_SERVICE_CONDITION_KEY', c, `The condition key ${key} does not exist in the service ${prefix}. Use a valid condition key.`, { statement: view })
      continue
    }
    checkSetOperator(ctx, view, c)
    checkActionsSupport(ctx, view, c)
  }
}

function checkOperator(ctx: LintContext, view: StatementView, c: LocatedClause): void {
  const { clause } = c
  if (clause.baseOperator === 'Null' && clause.setQualifier !== undefined) {
    ctx.report('NULL_WITH_QUALIFIER', c, `Avoid using the Null condition operator with the ForAllValues or ForAnyValue qualifiers (${clause.operator}) because they always return a true or false respectively.`, { statement: view })
  }
  if (EQUALS_OPERATORS.has(clause.baseOperator) && clause.values.some((v) => WILDCARD.test(v.replace(/\$\{[^}]*\}/g, '')))) {
    ctx.report('WILDCARD_WITHOUT_LIKE_OPERATOR', c, `Your condition value for ${clause.key} includes a * or ? character, which ${clause.operator} compares literally. If you meant to use a wildcard (*, ?), update the condition operator to include Like.`, { statement: view })
  }
}

/** ForAllValues / ForAnyValue compare sets; on a single-valued key they do not mean what they seem. */
function checkSetOperator(ctx: LintContext, view: StatementView, c: LocatedClause): void {
  const { clause } = c
  if (clause.setQualifier === undefined || clause.baseOperator === 'Null') return
  const type = ctx.catalog.getConditionKey(clause.key)?.type
  if (type === undefined || type.startsWith('ArrayOf')) return
  if (clause.setQualifier === 'ForAllValues') {
    ctx.report('FORALLVALUES_WITH_SINGLE_VALUED_KEY', c, `Using ForAllValues qualifier with the single-valued condition key ${clause.key} can be overly permissive: it also matches requests without the key. We recommend that you remove ForAllValues:.`, { statement: view })
  } else {
    ctx.report('FORANYVALUE_WITH_SINGLE_VALUED_KEY', c, `ForAnyValue is meant for multivalued condition keys; ${clause.key} is single-valued, where ForAnyValue adds nothing and hides intent (with a negated operator it matches almost any request). Remove ForAnyValue:.`, { statement: view })
  }
}

/** A service condition key must be one the statement's actions support, or they never match it. */
function checkActionsSupport(ctx: LintContext, view: StatementView, c: LocatedClause): void {
  const { clause } = c
  const { effect } = view.statement
  // Null tests presence on purpose; an Allow ...IfExists deliberately ignores requests without the key.
  if (clause.baseOperator === 'Null' || (clause.ifExists && effect === 'Allow')) return
  // The catalogue maps a key as written (`ec2:ResourceTag/team`) to its definition (`ec2:ResourceTag/${TagKey}`).
  const definition = (ctx.catalog.getConditionKey(clause.key)?.key ?? clause.key).toLowerCase()
  const unsupported: string[] = []
  for (const a of valuesOf(view, 'Action')) {
    const colon = a.value.indexOf(':')
    if (a.value === '*' || WILDCARD.test(a.value.slice(0, colon))) continue
    const actions = WILDCARD.test(a.value) ? ctx.catalog.expandAction(a.value).map((x) => ctx.catalog.getAction(x)) : [ctx.catalog.getAction(a.value)]
    const known = actions.filter((x): x is LintActionInfo => x !== undefined)
    if (known.length > 0 && !known.some((info) => supports(info, definition))) unsupported.push(WILDCARD.test(a.value) ? a.value : known[0]!.fullName)
  }
  if (unsupported.length === 0) return
  const list = unsupported.join(', ')
  // What the clause evaluates to when the key is absent (IAM User Guide, condition operators).
  const whenAbsent = clause.setQualifier === 'ForAllValues' || (clause.setQualifier === 'ForAnyValue' ? clause.ifExists : clause.ifExists || NEGATED.has(clause.baseOperator))
  const allow = effect === 'Allow'
  const consequence = allow
    ? whenAbsent
      ? 'AWS never sets it for them, so the condition is always true for them and does not restrict them. Move them to a statement with conditions they support.'
      : `AWS never sets it for them, so this statement never allows them. Move them to a statement without this condition, or use ${clause.operator}IfExists if the condition should only apply when the key is present.`
    : whenAbsent
      ? 'AWS never sets it for them, so this Deny always applies to them, whatever the condition says.'
      : 'AWS never sets it for them, so this Deny never applies to them. Deny them in a statement without this condition.'
  // A condition that silently stops restricting an Allow, or stops a Deny, is a security problem.
  const weakens = allow === whenAbsent
  ctx.report('UNSUPPORTED_CONDITION_KEY_FOR_ACTION', c, `The condition key ${clause.key} does not apply to ${list}: ${consequence}`, {
    statement: view,
    findingType: weakens ? 'SECURITY_WARNING' : 'WARNING'
  })
}

/** Whether the action (or one of its resource types) lists the key definition. */
function supports(info: LintActionInfo, definition: string): boolean {
  const lists = [info.conditionKeys, ...info.resourceTypes.map((t) => t.conditionKeys)]
  return lists.some((keys) => keys.some((k) => k.toLowerCase() === definition))
}
