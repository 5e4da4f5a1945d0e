/**
 * Parses and validates an IAM policy document the way IAM does, reporting every problem
 * (with JSON path and text range) and the MalformedPolicyDocument message IAM would give.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import type { Policy, PolicyKind, PolicyProblem, PolicySizeLimit, Statement } from './model.js'
import { getMember, parseJson, type JsonDuplicateKey, type JsonNode } from './json-source.js'
import { CODE_MALFORMED, MSG, STAGE } from './messages.js'
import { nodeFromValue } from './node-from-value.js'
import { ProblemCollector, describeNode, pathIndex, pathKey } from './problems.js'
import { checkPolicySize } from './size-limit.js'
import { unknownFieldMessage, validateStatement } from './validate-statement.js'

export interface PolicyParseOptions {
  kind: PolicyKind
  /** Which size quota applies (default `none`). */
  sizeLimit?: PolicySizeLimit
  /** Overrides the default quota of `sizeLimit` (e.g. a raised ACLSizePerRole quota). */
  sizeQuota?: number
  /** The user, group or role name for inline-policy size messages. */
  entityName?: string
  /**
   * Reject documents whose Version is not 2012-10-17, as CreatePolicy and
   * CreatePolicyVersion do. Defaults to true for the `managed` size limit.
   */
  requireCurrentVersion?: boolean
}

export interface PolicyParseResult {
  /** The model, set only when there are no problems. */
  policy: Policy | undefined
  /** Every problem found, in the order IAM would report them. */
  problems: PolicyProblem[]
  /** The error message AWS would return for the first problem. */
  message: string | undefined
  /** The AWS error code for the first problem (MalformedPolicyDocument, LimitExceeded, ...). */
  code: string | undefined
  /** Things AWS accepts but that are probably mistakes, such as duplicate keys (the last one wins). */
  warnings: PolicyProblem[]
}

export const VERSION_2012 = '2012-10-17'
export const VERSION_2008 = '2008-10-17'

const TOP_ELEMENTS = new Set(['Version', 'Id', 'Statement'])

// Organizations gives one message for any policy it cannot accept.
const ORGANIZATIONS_MESSAGE = 'The provided policy document does not meet the requirements of the specified policy type.'

/** Parses policy text into the model, or returns every problem with AWS's message for the first. */
export function parsePolicy(text: string, options: PolicyParseOptions): PolicyParseResult {
  try {
    const problems = new ProblemCollector(true)
    const size = checkPolicySize(text, options.sizeLimit ?? 'none', options.sizeQuota, options.entityName)
    if (size !== undefined) problems.add(STAGE.size, size.issue ?? 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA', size.path, size.range, size.message, size.detail ?? '', size.code)
    const parsed = parseJson(text)
    if (parsed.value === undefined) {
      const error = parsed.error ?? { message: 'invalid JSON', position: { line: 1, column: 1, offset: 0 } }
      problems.add(STAGE.syntax, 'JSON_SYNTAX_ERROR', '$', { start: error.position, end: error.position }, options.kind === 'trust' ? MSG.trustInvalidJson : MSG.syntax, `invalid JSON at line ${error.position.line}, column ${error.position.column}: ${error.message}`)
      return finish(problems, undefined, options.kind, [])
    }
    const policy = validateDocument(parsed.value, options, problems)
    return finish(problems, policy, options.kind, duplicateWarnings(parsed.value, parsed.duplicateKeys))
  } catch (e) {
    return internalFailure(e)
  }
}

/** Validates an already-parsed JavaScript value (no text, so problems carry no ranges). */
export function validatePolicyValue(value: unknown, options: PolicyParseOptions): PolicyParseResult {
  try {
    const problems = new ProblemCollector(false)
    if (options.sizeLimit !== undefined && options.sizeLimit !== 'none') {
      let text: string | undefined
      try {
        text = JSON.stringify(value)
      } catch {
        text = undefined
      }
      const size = text === undefined ? undefined : checkPolicySize(text, options.sizeLimit, options.sizeQuota, options.entityName)
      if (size !== undefined) problems.add(STAGE.size, size.issue ?? 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA', size.path, undefined, size.message, size.detail ?? '', size.code)
    }
    const converted = nodeFromValue(value)
    if (converted.node === undefined) {
      const error = converted.error ?? { path: '$', message: 'not JSON' }
      problems.add(STAGE.syntax, 'JSON_SYNTAX_ERROR', error.path, undefined, MSG.syntax, error.message)
      return finish(problems, undefined, options.kind, [])
    }
    const policy = validateDocument(converted.node, options, problems)
    return finish(problems, policy, options.kind, [])
  } catch (e) {
    return internalFailure(e)
  }
}

function validateDocument(root: JsonNode, options: PolicyParseOptions, problems: ProblemCollector): Policy | undefined {
  const { kind } = options
  const ctx = { kind, problems }
  if (root.type !== 'object') {
    problems.at(STAGE.syntax, 'DATA_TYPE_MISMATCH', '$', root, MSG.syntax, `a policy document must be a JSON object, not ${describeNode(root)}`)
    return undefined
  }
  for (const member of root.members) {
    if (!TOP_ELEMENTS.has(member.key)) {
      problems.add(STAGE.syntax, 'INVALID_POLICY_ELEMENT', pathKey('$', member.key), member.keyRange, unknownFieldMessage(kind, member.key), `unknown policy element \`${member.key}\`; expected Version, Id and Statement`)
    }
  }

  let version: string | undefined
  const versionMember = getMember(root, 'Version')
  if (versionMember !== undefined) {
    const v = versionMember.value
    if (v.type !== 'string' || (v.value !== VERSION_2012 && v.value !== VERSION_2008)) {
      problems.at(STAGE.syntax, 'INVALID_VERSION', '$.Version', v, MSG.syntax, `\`Version\` must be "${VERSION_2012}" or "${VERSION_2008}"`)
    } else {
      version = v.value
    }
  }
  const requireCurrent = options.requireCurrentVersion ?? options.sizeLimit === 'managed'
  if (requireCurrent && version !== VERSION_2012 && !problems.hasStage(STAGE.syntax)) {
    problems.add(STAGE.version, 'INVALID_VERSION', '$.Version', versionMember?.value.range ?? root.range, MSG.version, `this operation needs "Version": "${VERSION_2012}"`)
  }

  let id: string | undefined
  const idMember = getMember(root, 'Id')
  if (idMember !== undefined) {
    if (idMember.value.type === 'string') id = idMember.value.value
    else problems.at(STAGE.syntax, 'DATA_TYPE_MISMATCH', '$.Id', idMember.value, MSG.syntax, `\`Id\` must be a string, not ${describeNode(idMember.value)}`)
  }

  const statementMember = getMember(root, 'Statement')
  const statements: Statement[] = []
  if (statementMember === undefined) {
    problems.add(STAGE.syntax, 'MISSING_STATEMENT', '$', root.range, MSG.syntax, 'a policy document needs a `Statement` element')
  } else {
    const s = statementMember.value
    if (s.type === 'object') {
      const st = validateStatement(ctx, s, '$.Statement', 0)
      if (st) statements.push(st)
    } else if (s.type === 'array') {
      if (s.items.length === 0) problems.at(STAGE.syntax, 'MISSING_STATEMENT', '$.Statement', s, MSG.syntax, '`Statement` cannot be an empty array')
      s.items.forEach((item, i) => {
        const st = validateStatement(ctx, item, pathIndex('$.Statement', i), i)
        if (st) statements.push(st)
      })
    } else {
      problems.at(STAGE.syntax, 'DATA_TYPE_MISMATCH', '$.Statement', s, MSG.syntax, `\`Statement\` must be an object or an array of objects, not ${describeNode(s)}`)
    }
    checkSidsUnique(s, problems)
  }
  if (problems.count > 0) return undefined
  const policy: Policy = { version, id, statements }
  if (statementMember !== undefined) policy.statementsRange = statementMember.value.range
  return policy
}

function checkSidsUnique(statementNode: JsonNode, problems: ProblemCollector): void {
  if (statementNode.type !== 'array') return
  const seen = new Set<string>()
  statementNode.items.forEach((item, i) => {
    if (item.type !== 'object') return
    const sid = getMember(item, 'Sid')
    // Empty Sids are treated as absent.
    if (sid === undefined || sid.value.type !== 'string' || sid.value.value === '') return
    if (seen.has(sid.value.value)) {
      problems.at(STAGE.sid, 'UNIQUE_SIDS_REQUIRED', `$.Statement[${i}].Sid`, sid.value, MSG.sidUnique, `Sid \`${sid.value.value}\` is used by an earlier statement`)
    }
    seen.add(sid.value.value)
  })
}

function duplicateWarnings(root: JsonNode, duplicates: JsonDuplicateKey[]): PolicyProblem[] {
  return duplicates.map((d) => ({
    path: pathKey(findPath(root, d.object, '$') ?? '$', d.key),
    message: `duplicate key \`${d.key}\`: only the last one counts`,
    range: d.keyRange,
    detail: `first written at line ${d.firstKeyRange.start.line}, column ${d.firstKeyRange.start.column}`
  }))
}

// Duplicates are rare, so their paths are found by search rather than tracked while parsing.
function findPath(node: JsonNode, target: JsonNode, path: string): string | undefined {
  if (node === target) return path
  if (node.type === 'object') {
    for (const m of node.members) {
      const found = findPath(m.value, target, pathKey(path, m.key))
      if (found !== undefined) return found
    }
  } else if (node.type === 'array') {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i]
      const found = item && findPath(item, target, pathIndex(path, i))
      if (found !== undefined) return found
    }
  }
  return undefined
}

function finish(problems: ProblemCollector, policy: Policy | undefined, kind: PolicyKind, warnings: PolicyProblem[]): PolicyParseResult {
  const list = problems.sorted()
  if (kind === 'scp' || kind === 'rcp') {
    for (const p of list) if (p.code === undefined) p.message = ORGANIZATIONS_MESSAGE
  }
  const first = list[0]
  return {
    policy: list.length === 0 ? policy : undefined,
    problems: list,
    message: first?.message,
    code: first === undefined ? undefined : (first.code ?? CODE_MALFORMED),
    warnings
  }
}

function internalFailure(e: unknown): PolicyParseResult {
  const problem: PolicyProblem = { path: '$', message: MSG.syntax, range: undefined, detail: `the policy could not be checked: ${String(e)}` }
  return { policy: undefined, problems: [problem], message: MSG.syntax, code: CODE_MALFORMED, warnings: [] }
}
