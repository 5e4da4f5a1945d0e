/**
 * Compiles one condition clause (operator, key, values) into a predicate over the request
 * context, applying the missing-key, IfExists, Null and set-operator rules:
 * - key absent: false, except negated operators and ...IfExists, which are true
 *   ("Condition operators", Important note);
 * - ForAllValues: true when the key is absent or empty; every request value must match;
 * - ForAnyValue: false when absent or empty (true with IfExists when absent); one value must match;
 * - a multivalued request value (2+ values) without a set operator never matches
 *   ("Single-valued vs. multivalued context keys": multivalued keys require a set operator);
 * - a request value of the wrong type (e.g. not a number) makes the clause false, negated or not.
 */
import type { ConditionClause } from '../policy/model.js'
import { NEVER, OPERATORS, type ValueTest } from './operators.js'
import type { EvalState } from './state.js'
import { parseBool } from './values.js'

export type CompiledCondition = (st: EvalState) => boolean

/** Lower-cases a base operator name and strips a trailing IfExists the parser may have left. */
function baseName(clause: ConditionClause): { base: string; ifExists: boolean } {
  let base = (clause.baseOperator || clause.operator).toLowerCase()
  let ifExists = clause.ifExists
  const colon = base.indexOf(':')
  if (colon >= 0) base = base.slice(colon + 1)
  if (base.endsWith('ifexists')) {
    base = base.slice(0, -'ifexists'.length)
    ifExists = true
  }
  return { base, ifExists }
}

/** Compiles a clause; `variables` is true for Version 2012-10-17 policies. */
export function compileCondition(clause: ConditionClause, variables: boolean): CompiledCondition {
  const key = clause.key
  const lowerKey = key.toLowerCase()
  const { base, ifExists } = baseName(clause)
  if (base === 'null') {
    const wants = clause.values.map((v) => parseBool(v))
    return (st) => {
      const v = st.lookup(lowerKey, key)
      const absent = v === undefined || (Array.isArray(v) && v.length === 0)
      for (const w of wants) if ((w === 'true' && absent) || (w === 'false' && !absent)) return true
      return false
    }
  }
  const spec = OPERATORS.get(base)
  const test: ValueTest = spec ? spec.build(clause.values, variables) : NEVER
  const negated = spec ? spec.negated : false
  const one = (value: string, st: EvalState): boolean => {
    const r = test(value, st)
    if (r === undefined) return false
    return negated ? !r : r
  }
  if (!spec) return () => false
  if (clause.setQualifier === 'ForAllValues') {
    return (st) => {
      const v = st.lookup(lowerKey, key)
      if (v === undefined) return true
      if (typeof v === 'string') return one(v, st)
      for (const x of v) if (!one(x, st)) return false
      return true
    }
  }
  if (clause.setQualifier === 'ForAnyValue') {
    return (st) => {
      const v = st.lookup(lowerKey, key)
      if (v === undefined) return ifExists
      if (typeof v === 'string') return one(v, st)
      for (const x of v) if (one(x, st)) return true
      return false
    }
  }
  const whenAbsent = ifExists || negated
  return (st) => {
    const v = st.lookup(lowerKey, key)
    if (v === undefined) return whenAbsent
    if (typeof v === 'string') return one(v, st)
    if (v.length === 0) return whenAbsent
    if (v.length === 1) return one(v[0] as string, st)
    return false
  }
}
