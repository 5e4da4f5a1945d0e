/**
 * StartPosition / EndPosition of a statement as IAM's policy simulator reports them. IAM reads
 * documents with a streaming JSON parser and records its location after the token before a
 * statement and after the statement's closing brace, so (1-based lines and columns):
 * - end: just after the statement's `}`;
 * - start, `"Statement": [ ... ]`: just after the `[` for the first statement, just after the
 *   previous statement's `}` for the others;
 * - start, `"Statement": { ... }`: just after the statement's own `{`.
 * This matches every published example: `"Statement": [` on line 3 of a 4-space indented
 * document gives StartPosition 3:19 and a statement closed by `}` at 9:9 gives EndPosition
 * 9:10 (AWS CLI reference, simulate-principal-policy); `{"Version":"2012-10-17","Statement":{`
 * gives StartPosition 1:38 (simulate-custom-policy).
 */
import type { Policy, SourcePosition } from '../../policy/index.js'

/** A Line / Column pair as the botocore Position shape has it. */
export interface ApiPosition {
  Line: number
  Column: number
}

export interface StatementPositions {
  StartPosition: ApiPosition
  EndPosition: ApiPosition
}

const cache = new WeakMap<Policy, (StatementPositions | undefined)[]>()

const after = (p: SourcePosition): ApiPosition => ({ Line: p.line, Column: p.column + 1 })
const at = (p: SourcePosition): ApiPosition => ({ Line: p.line, Column: p.column })

function compute(policy: Policy): (StatementPositions | undefined)[] {
  const list = policy.statementsRange
  return policy.statements.map((s, i) => {
    if (s.range === undefined || list === undefined) return undefined
    const objectForm = list.start.offset === s.range.start.offset
    const previous = i > 0 ? policy.statements[i - 1]?.range : undefined
    const start = objectForm ? after(s.range.start) : previous !== undefined ? at(previous.end) : after(list.start)
    return { StartPosition: start, EndPosition: at(s.range.end) }
  })
}

/** The positions of statement `index` (its place in the Statement array), or undefined for a document built without text. */
export function statementPositions(policy: Policy, index: number): StatementPositions | undefined {
  let list = cache.get(policy)
  if (list === undefined) {
    list = compute(policy)
    cache.set(policy, list)
  }
  const i = policy.statements[index]?.index === index ? index : policy.statements.findIndex((s) => s.index === index)
  return list[i]
}
