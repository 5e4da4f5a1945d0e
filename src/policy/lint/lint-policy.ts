/**
 * Lints one policy document: IAM's own validation problems become ERROR findings, then
 * every statement that passed validation goes through the checks, then the checks that
 * compare statements. A statement with a problem still has its problem reported; the other
 * statements are checked as usual, so one typo does not hide the rest.
 */
import { getMember, parseJson, type JsonNode, type JsonObjectNode } from '../json-source.js'
import type { PolicyKind, PolicyProblem, Statement } from '../model.js'
import { parsePolicy } from '../parse.js'
import { ProblemCollector, pathIndex } from '../problems.js'
import { validateStatement } from '../validate-statement.js'
import { checkActions } from './checks/actions.js'
import { checkConditions } from './checks/conditions.js'
import { checkDocument } from './checks/document.js'
import { checkPassRole } from './checks/pass-role.js'
import { checkPrincipals } from './checks/principals.js'
import { checkRedundantStatements } from './checks/redundant.js'
import { checkResources } from './checks/resources.js'
import { checkWildcards } from './checks/wildcards.js'
import { LintContext, type StatementView } from './context.js'
import { detectKind } from './detect-kind.js'
import { ruleFor } from './rules.js'
import type { LintFinding, LintOptions, LintResult } from './types.js'

/** Lints policy text; never throws on user input. */
export function lintPolicy(text: string, options: LintOptions): LintResult {
  const parsed = parseJson(text)
  const root = parsed.value
  const kind = options.kind === undefined || options.kind === 'auto' ? (root === undefined ? 'identity' : detectKind(root)) : options.kind
  const ctx = new LintContext(kind, options.catalog, options.managedPolicies)
  const validation = parsePolicy(text, { kind })
  for (const problem of validation.problems) ctx.findings.push(problemFinding(problem))
  for (const warning of validation.warnings) ctx.report('DUPLICATE_KEY', warning, `${capitalize(warning.message)} (${warning.detail ?? ''}).`)
  if (root === undefined || root.type !== 'object') return { kind, findings: ctx.findings }

  const views = statementViews(root, kind, validation.policy?.statements)
  checkDocument(ctx, root, views)
  for (const view of views) {
    checkActions(ctx, view)
    checkResources(ctx, view)
    checkPassRole(ctx, view)
    checkWildcards(ctx, view)
    checkPrincipals(ctx, view)
    checkConditions(ctx, view)
  }
  checkRedundantStatements(ctx, views)
  return { kind, findings: sortFindings(ctx.findings) }
}

/** An IAM validation problem as an ERROR finding, with IAM's message and what exactly is wrong. */
function problemFinding(problem: PolicyProblem): LintFinding {
  const rule = ruleFor(problem.issue ?? 'JSON_SYNTAX_ERROR')
  const detail = problem.detail ? ` (${problem.detail})` : ''
  return {
    findingType: 'ERROR',
    issueCode: rule.code,
    message: `IAM rejects this policy: ${problem.message}${detail}`,
    learnMoreLink: rule.learnMoreLink,
    path: problem.path,
    range: problem.range,
    ...statementOf(problem.path)
  }
}

function statementOf(path: string): { statementIndex?: number } {
  const m = /^\$\.Statement(?:\[(\d+)\])?/.exec(path)
  if (m === null) return {}
  return { statementIndex: m[1] === undefined ? 0 : Number(m[1]) }
}

/** The statements that passed validation, each beside its JSON object. */
function statementViews(root: JsonObjectNode, kind: PolicyKind, valid: Statement[] | undefined): StatementView[] {
  const statementNode = getMember(root, 'Statement')?.value
  if (statementNode === undefined) return []
  const nodes: [JsonNode, string][] =
    statementNode.type === 'array' ? statementNode.items.map((n, i) => [n, pathIndex('$.Statement', i)]) : [[statementNode, '$.Statement']]
  const views: StatementView[] = []
  nodes.forEach(([node, path], index) => {
    if (node.type !== 'object') return
    // When the whole document is valid the parser's model is used; otherwise each statement
    // is validated on its own and only the valid ones are checked further.
    const statement = valid !== undefined ? valid[index] : validateStatement({ kind, problems: new ProblemCollector(true) }, node, path, index)
    if (statement !== undefined) views.push({ index, path, node, statement })
  })
  return views
}

const SEVERITY = { ERROR: 0, SECURITY_WARNING: 1, WARNING: 2, SUGGESTION: 3 } as const

/** Document order; findings without a position last; at one position the most severe first. */
export function sortFindings(findings: LintFinding[]): LintFinding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => {
      const ao = a.f.range?.start.offset ?? Number.MAX_SAFE_INTEGER
      const bo = b.f.range?.start.offset ?? Number.MAX_SAFE_INTEGER
      return ao - bo || SEVERITY[a.f.findingType] - SEVERITY[b.f.findingType] || a.i - b.i
    })
    .map(({ f }) => f)
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
