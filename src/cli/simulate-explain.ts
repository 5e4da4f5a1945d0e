/**
 * The statements that almost applied: their action and resource match the request but a
 * condition does not. The engine reports what matched; this answers the next question a
 * denied user asks ("my policy has that statement, why not?") by evaluating each statement
 * alone, with and without its conditions, and then each condition alone.
 */
import { buildRequestContext, compilePolicySet, type AuthorizationRequest, type ContextValue, type PolicyInput, type PolicySet, type PolicyType } from '../eval/index.js'
import type { ConditionClause, SourceRange, Statement } from '../policy/model.js'

export interface UnmetCondition {
  operator: string
  key: string
  /** The values the statement compares with. */
  values: string[]
  /** What the request had for the key; undefined when it had none. */
  requestValue: ContextValue | undefined
}

export interface NearMiss {
  policyId: string
  policyType: PolicyType
  statementIndex: number
  sid: string | undefined
  effect: 'Allow' | 'Deny'
  range: SourceRange | undefined
  unmet: UnmetCondition[]
}

// Types whose statements apply to the caller directly; resource and trust policies also match principals.
const TYPES: (keyof PolicySet & PolicyType)[] = ['identity', 'boundary', 'session']

function applies(input: PolicyInput, statement: Statement, request: AuthorizationRequest): boolean {
  const policy = { version: input.policy.version, id: undefined, statements: [statement] }
  const result = compilePolicySet({ identity: [{ id: input.id, type: 'identity', policy }] }).evaluate(request, { explain: false })
  return result.decision === (statement.effect === 'Allow' ? 'Allow' : 'ExplicitDeny')
}

/** Statements of the caller's own policies whose conditions alone kept them from applying. */
export function nearMisses(set: PolicySet, request: AuthorizationRequest): NearMiss[] {
  const context = buildRequestContext(request)
  const lookup = (key: string): ContextValue | undefined => {
    const lower = key.toLowerCase()
    for (const [k, v] of Object.entries(context)) if (k.toLowerCase() === lower) return v
    return undefined
  }
  const out: NearMiss[] = []
  for (const type of TYPES) {
    for (const input of (set[type] ?? []) as PolicyInput[]) {
      for (const statement of input.policy.statements) {
        if (statement.conditions.length === 0 || applies(input, statement, request)) continue
        if (!applies(input, { ...statement, conditions: [] }, request)) continue
        const unmet = statement.conditions
          .filter((c: ConditionClause) => !applies(input, { ...statement, conditions: [c] }, request))
          .map((c) => ({ operator: c.operator, key: c.key, values: c.values, requestValue: lookup(c.key) }))
        out.push({ policyId: input.id, policyType: input.type, statementIndex: statement.index, sid: statement.sid, effect: statement.effect, range: statement.range, unmet })
      }
    }
  }
  return out
}
