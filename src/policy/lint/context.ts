/**
 * What every check works with: one valid statement's model beside its JSON nodes (so a
 * finding can point at the exact action, resource or condition key), and the collector
 * that turns an issue code plus a message into a finding.
 */
import type { ConditionClause, PolicyKind, SourceRange, Statement } from '../model.js'
import { getMember, type JsonNode, type JsonObjectNode } from '../json-source.js'
import { parseConditionOperator } from '../condition-operators.js'
import { pathIndex, pathKey } from '../problems.js'
import { ruleFor } from './rules.js'
import type { FindingType, LintCatalog, LintFinding, LintManagedPolicies } from './types.js'

/** A place in the document: JSON path and text range. */
export interface Location {
  path: string
  range: SourceRange | undefined
}

/** One value of a string-or-array element, with where it is. */
export interface LocatedValue extends Location {
  value: string
}

/** A condition clause with the location of its key. */
export interface LocatedClause extends Location {
  clause: ConditionClause
}

/** A statement that passed validation: its model and the object it came from. */
export interface StatementView {
  index: number
  path: string
  node: JsonObjectNode
  statement: Statement
}

/** The element's node (`Action`, `Resource`, ...) and its location, when the statement has it. */
export function elementOf(view: StatementView, name: string): (Location & { node: JsonNode }) | undefined {
  const member = getMember(view.node, name)
  if (member === undefined) return undefined
  return { node: member.value, path: pathKey(view.path, name), range: member.value.range }
}

/** The values of a string-or-array element, each located. */
export function valuesOf(view: StatementView, name: string): LocatedValue[] {
  const element = elementOf(view, name)
  if (element === undefined) return []
  const { node, path } = element
  if (node.type === 'string') return [{ value: node.value, path, range: node.range }]
  if (node.type !== 'array') return []
  const out: LocatedValue[] = []
  node.items.forEach((item, i) => {
    if (item.type === 'string') out.push({ value: item.value, path: pathIndex(path, i), range: item.range })
  })
  return out
}

/** The statement's condition clauses, in the order the parser built them, each located at its key. */
export function clausesOf(view: StatementView): LocatedClause[] {
  const condition = elementOf(view, 'Condition')
  if (condition === undefined || condition.node.type !== 'object') return []
  const located: Location[] = []
  for (const op of condition.node.members) {
    // The parser makes no clause for an unknown operator (IAM tolerates it with an empty block).
    if (op.value.type !== 'object' || parseConditionOperator(op.key) === undefined) continue
    const opPath = pathKey(condition.path, op.key)
    for (const key of op.value.members) located.push({ path: pathKey(opPath, key.key), range: key.keyRange })
  }
  return view.statement.conditions.map((clause, i) => ({ clause, ...(located[i] ?? condition) }))
}

/** Collects findings; the rule table supplies each code's finding type and link. */
export class LintContext {
  readonly findings: LintFinding[] = []

  constructor(
    readonly kind: PolicyKind,
    readonly catalog: LintCatalog,
    readonly managedPolicies: LintManagedPolicies | undefined
  ) {}

  /** Records a finding for `code` at `at`; `statement` adds its index and Sid. */
  report(
    code: string,
    at: Location,
    message: string,
    extra: { statement?: StatementView; suggestion?: string; findingType?: FindingType } = {}
  ): void {
    const rule = ruleFor(code)
    const finding: LintFinding = {
      findingType: extra.findingType ?? rule.findingType,
      issueCode: code,
      message,
      learnMoreLink: rule.learnMoreLink,
      path: at.path,
      range: at.range
    }
    if (extra.statement !== undefined) {
      finding.statementIndex = extra.statement.index
      if (extra.statement.statement.sid !== undefined) finding.sid = extra.statement.statement.sid
    }
    if (extra.suggestion !== undefined) finding.suggestion = extra.suggestion
    this.findings.push(finding)
  }
}

/**
 * True for the kinds of policy that grant permissions. Boundaries, session policies, SCPs
 * and RCPs only limit what other policies grant, so a broad Allow in them is normal
 * (AWS's FullAWSAccess SCP is `"Allow" "*" on "*"`).
 */
export function grantsPermissions(kind: PolicyKind): boolean {
  return kind === 'identity' || kind === 'resource'
}

/** `Sid "X"` or `statement 3` (1-based), for messages that name another statement. */
export function describeStatement(view: StatementView): string {
  return view.statement.sid ? `statement "${view.statement.sid}"` : `statement ${view.index + 1}`
}
