/**
 * MatchedStatements: the engine's matched statements as IAM's Statement shape. Per the API
 * reference, an explicit deny is reported by its Deny statements only; otherwise the Allow
 * statements that matched are listed (for an implicit deny, the ones that did match but were
 * not enough, e.g. an identity Allow outside the permissions boundary).
 */
import type { EvaluationResult, MatchedStatement } from '../../eval/index.js'
import { statementPositions } from './positions.js'
import type { ApiStatement } from './shapes.js'
import type { PolicySource } from './simulation-set.js'

/**
 * A matched statement's engine record is one object per compiled statement, and a compiled
 * statement belongs to one (document, policy id) pair whose SourcePolicyId and type never
 * change, so its rendering is computed once.
 */
const rendered = new WeakMap<MatchedStatement, ApiStatement>()

function render(m: MatchedStatement, sources: ReadonlyMap<string, PolicySource>): ApiStatement {
  let out = rendered.get(m)
  if (out === undefined) {
    const source = sources.get(m.policyId)
    out = { SourcePolicyId: source?.id ?? m.policyId, SourcePolicyType: source?.type ?? 'none' }
    const positions = source ? statementPositions(source.policy, m.statementIndex) : undefined
    if (positions) {
      out.StartPosition = Object.freeze({ ...positions.StartPosition })
      out.EndPosition = Object.freeze({ ...positions.EndPosition })
    }
    // Frozen: it recurs in every response, and the encoder writes a frozen structure's XML once.
    rendered.set(m, Object.freeze(out))
  }
  return out
}

const NONE: ApiStatement[] = Object.freeze([]) as unknown as ApiStatement[]

/** The statements to report for one evaluation, deny-only for an explicit deny, without repeats. */
export function reportedStatements(result: EvaluationResult, sources: ReadonlyMap<string, PolicySource>): ApiStatement[] {
  const wanted = result.decision === 'ExplicitDeny' ? 'Deny' : 'Allow'
  let out: ApiStatement[] | undefined
  for (const m of result.matched) {
    if (m.effect !== wanted) continue
    const s = render(m, sources)
    if (out === undefined) out = [s]
    else if (!out.includes(s)) out.push(s)
  }
  return out ?? NONE
}
