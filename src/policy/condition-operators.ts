/**
 * The condition operator names IAM accepts: a base operator, optionally `IfExists`
 * (not on `Null`) and optionally a `ForAllValues:` / `ForAnyValue:` set qualifier.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */

export const BASE_OPERATORS: ReadonlySet<string> = new Set([
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null'
])

export interface ConditionOperatorParts {
  baseOperator: string
  setQualifier: 'ForAllValues' | 'ForAnyValue' | undefined
  ifExists: boolean
}

/** Splits an operator such as `ForAnyValue:StringLikeIfExists`; undefined when IAM would not know it. */
export function parseConditionOperator(operator: string): ConditionOperatorParts | undefined {
  let rest = operator
  let setQualifier: ConditionOperatorParts['setQualifier']
  if (rest.startsWith('ForAllValues:')) {
    setQualifier = 'ForAllValues'
    rest = rest.slice('ForAllValues:'.length)
  } else if (rest.startsWith('ForAnyValue:')) {
    setQualifier = 'ForAnyValue'
    rest = rest.slice('ForAnyValue:'.length)
  }
  let ifExists = false
  if (rest.endsWith('IfExists') && rest !== 'IfExists') {
    ifExists = true
    rest = rest.slice(0, -'IfExists'.length)
  }
  if (!BASE_OPERATORS.has(rest)) return undefined
  // The Null check is about existence itself, so "if exists" makes no sense for it.
  if (ifExists && rest === 'Null') return undefined
  return { baseOperator: rest, setQualifier, ifExists }
}
