/**
 * Checks for the values inside one statement: Action / Resource strings, Principal
 * blocks and Condition blocks. Each returns the normalised model value (or undefined when
 * the element is unusable) and records problems in the collector.
 */
import type { ConditionClause, PolicyIssue, PolicyKind, PrincipalSpec } from './model.js'
import type { JsonNode, JsonStringNode } from './json-source.js'
import { parseConditionOperator } from './condition-operators.js'
import {
  IAM_RESOURCE_PATH_PREFIXES,
  MSG,
  STAGE,
  msgIamRegion,
  msgIamResourcePath,
  msgInvalidPrincipal,
  msgPartition,
  msgResourceFormat,
  msgVendorInvalid
} from './messages.js'
import { ProblemCollector, describeNode, pathIndex, pathKey } from './problems.js'

export interface ElementContext {
  kind: PolicyKind
  problems: ProblemCollector
}

export interface StringList {
  values: string[]
  nodes: JsonStringNode[]
}

/** Reads a string-or-array-of-strings element; undefined (with a syntax problem) for any other shape. */
export function readStringList(ctx: ElementContext, node: JsonNode, path: string, element: string): StringList | undefined {
  if (node.type === 'string') return { values: [node.value], nodes: [node] }
  if (node.type !== 'array') {
    ctx.problems.at(STAGE.syntax, 'DATA_TYPE_MISMATCH', path, node, MSG.syntax, `\`${element}\` must be a string or an array of strings, not ${describeNode(node)}`)
    return undefined
  }
  const items = node.items
  const values: string[] = new Array<string>(items.length)
  const nodes: JsonStringNode[] = new Array<JsonStringNode>(items.length)
  let ok = true
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as JsonNode
    if (item.type === 'string') {
      values[i] = item.value
      nodes[i] = item
    } else {
      ok = false
      ctx.problems.at(STAGE.syntax, 'DATA_TYPE_MISMATCH', pathIndex(path, i), item, MSG.syntax, `each \`${element}\` entry must be a string, not ${describeNode(item)}`)
    }
  }
  return ok ? { values, nodes } : undefined
}

/** Whether `action.slice(0, end)` is `*` or made of letters, digits, `-` and `.` (IAM's vendor check). */
function isVendor(action: string, end: number): boolean {
  if (end === 0) return false
  if (end === 1 && action.charCodeAt(0) === 0x2a) return true
  for (let i = 0; i < end; i++) {
    const c = action.charCodeAt(i)
    const ok = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e
    if (!ok) return false
  }
  return true
}

/** Checks `service:action` form (IAM checks the vendor's characters, not that it exists). */
export function checkActions(ctx: ElementContext, list: StringList, path: string, single: boolean): void {
  const nodes = list.nodes
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as JsonStringNode
    const action = node.value
    if (action === '*') continue
    const colon = action.indexOf(':')
    if (colon === -1) {
      ctx.problems.at(STAGE.actionFormat, 'INVALID_ACTION', single ? path : pathIndex(path, i), node, MSG.actionVendor, `action \`${action}\` has no service prefix`)
    } else if (action.indexOf(':', colon + 1) !== -1) {
      ctx.problems.at(STAGE.actionFormat, 'INVALID_ACTION', single ? path : pathIndex(path, i), node, MSG.actionColon, `action \`${action}\` has more than one colon`)
    } else if (!isVendor(action, colon)) {
      const vendor = action.slice(0, colon)
      ctx.problems.at(STAGE.actionFormat, 'INVALID_SERVICE_IN_ACTION', single ? path : pathIndex(path, i), node, msgVendorInvalid(vendor), `service prefix \`${vendor}\` is not valid`)
    }
  }
}

const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'])

/**
 * IAM's resource ARN checks for identity-grammar policies. The legacy-parser check runs
 * only on values that passed the format checks, as in IAM.
 */
export function checkResources(ctx: ElementContext, list: StringList, path: string, single: boolean): void {
  const nodes = list.nodes
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as JsonStringNode
    if (node.value === '*') continue
    const parts = node.value.split(':')
    const problem = resourceFormatProblem(node.value, parts)
    if (problem !== undefined) {
      ctx.problems.at(STAGE.resourceFormat, problem.issue, single ? path : pathIndex(path, i), node, problem.message, problem.detail)
    } else if (!passesLegacyResourceParse(node.value, parts)) {
      ctx.problems.at(STAGE.legacy, 'MISSING_ARN_FIELD', single ? path : pathIndex(path, i), node, MSG.legacy, `resource \`${node.value}\` is not a well-formed ARN`)
    }
  }
}

function resourceFormatProblem(resource: string, parts: string[]): { message: string; detail: string; issue: PolicyIssue } | undefined {
  if (parts.length < 2) return { message: msgResourceFormat(resource), detail: `resource \`${resource}\` is not an ARN`, issue: 'INVALID_ARN_PREFIX' }
  const partition = parts[1] ?? ''
  if (partition !== '*' && !PARTITIONS.has(partition)) {
    const rest = parts.slice(2)
    const first = rest[0] !== undefined && (rest[0] !== '' || rest.length > 1) ? rest[0] : '*'
    const tail = rest.length > 3 ? rest.slice(3).join(':') : '*'
    const arn = `arn:${partition}:${first}:${rest[1] ?? '*'}:${rest[2] ?? '*'}:${tail}`
    return { message: msgPartition(partition, arn), detail: `\`${partition}\` is not an AWS partition`, issue: 'INVALID_PARTITION' }
  }
  if (parts.length < 3) return { message: MSG.resourceVendor, detail: `resource \`${resource}\` has no service`, issue: 'MISSING_ARN_FIELD' }
  const service = parts[2]
  if (service !== 'iam' && service !== 's3') return undefined
  const region = parts[3] ?? ''
  const resourceId = parts.slice(5).join(':')
  if (service === 'iam' && region !== '') {
    return { message: msgIamRegion(resource), detail: 'IAM is a global service: the region field of an IAM ARN must be empty', issue: 'ARN_REGION_NOT_ALLOWED' }
  }
  // Only bucket and object ARNs (no account field) are region-less; access points, access
  // grants and jobs carry a region.
  if (service === 's3' && region !== '' && (parts[4] ?? '') === '' && !resourceId.startsWith('accesspoint/')) {
    return { message: `Resource ${resource} can not contain region information.`, detail: 'S3 bucket and object ARNs have no region', issue: 'ARN_REGION_NOT_ALLOWED' }
  }
  if (service === 'iam' && parts.length > 5 && resourceId !== '*' && resourceId !== 'root' && !IAM_RESOURCE_PATH_PREFIXES.some((p) => resourceId.startsWith(p))) {
    return { message: msgIamResourcePath(), detail: `\`${resourceId}\` is not an IAM resource type`, issue: 'INVALID_ARN_RESOURCE' }
  }
  return undefined
}

// IAM's older parser rejects ARNs that use `::` without having all six fields, or whose
// service field is empty.
function passesLegacyResourceParse(resource: string, parts: string[]): boolean {
  if (parts.length < 6 && resource.includes('::')) return false
  return (parts[2] ?? '') !== ''
}

const TRUST_ACTION = /^sts:[A-Za-z*?]+$/i

/** Trust policies may only grant STS actions (sts:AssumeRole, sts:TagSession, ...). */
export function checkTrustActions(ctx: ElementContext, list: StringList | undefined, node: JsonNode, path: string, single: boolean): void {
  if (list === undefined) {
    ctx.problems.at(STAGE.kindRules, 'UNSUPPORTED_ACTION_IN_POLICY', path, node, MSG.trustActions, 'a trust policy statement must list its STS actions in `Action`')
    return
  }
  list.nodes.forEach((n, i) => {
    if (!TRUST_ACTION.test(n.value)) {
      ctx.problems.at(STAGE.kindRules, 'UNSUPPORTED_ACTION_IN_POLICY', single ? path : pathIndex(path, i), n, MSG.trustActions, `\`${n.value}\` is not an STS action`)
    }
  })
}

const PRINCIPAL_TYPES: Record<string, keyof Omit<PrincipalSpec, 'wildcard'>> = {
  AWS: 'aws',
  Service: 'service',
  Federated: 'federated',
  CanonicalUser: 'canonicalUser'
}

const ACCOUNT_ID = /^\d{12}$/
// The account field is 12 digits; `cloudfront` is CloudFront's legacy origin access identity principal.
const PRINCIPAL_ARN = /^arn:[a-z-]+:(iam|sts)::(\d{12}|cloudfront):[^*?]+$/

function validAwsPrincipal(value: string): boolean {
  return value === '*' || ACCOUNT_ID.test(value) || PRINCIPAL_ARN.test(value)
}

/** Reads a Principal / NotPrincipal block into a PrincipalSpec. */
export function readPrincipal(ctx: ElementContext, node: JsonNode, path: string, element: string): PrincipalSpec | undefined {
  const spec: PrincipalSpec = { wildcard: false, aws: [], service: [], federated: [], canonicalUser: [] }
  if (node.type === 'string') {
    if (node.value === '*') return { ...spec, wildcard: true }
    ctx.problems.at(STAGE.syntax, 'INVALID_PRINCIPAL_FORMAT', path, node, MSG.syntax, `a string \`${element}\` can only be "*"; use {"AWS": ...}, {"Service": ...} or {"Federated": ...}`)
    return undefined
  }
  if (node.type !== 'object') {
    ctx.problems.at(STAGE.syntax, 'INVALID_PRINCIPAL_FORMAT', path, node, MSG.syntax, `\`${element}\` must be "*" or an object, not ${describeNode(node)}`)
    return undefined
  }
  let ok = true
  for (const member of node.members) {
    const field = PRINCIPAL_TYPES[member.key]
    const memberPath = pathKey(path, member.key)
    if (field === undefined) {
      ok = false
      ctx.problems.add(STAGE.syntax, 'INVALID_PRINCIPAL_KEY', memberPath, member.keyRange, MSG.syntax, `unknown principal type \`${member.key}\`; expected AWS, Service, Federated or CanonicalUser`)
      continue
    }
    const list = readStringList(ctx, member.value, memberPath, `${element}.${member.key}`)
    if (list === undefined) {
      ok = false
      continue
    }
    list.nodes.forEach((n, i) => {
      const at = member.value.type === 'array' ? pathIndex(memberPath, i) : memberPath
      const bad = n.value === '' || (field === 'aws' && ctx.kind !== 'identity' && !validAwsPrincipal(n.value))
      if (bad) {
        ok = false
        ctx.problems.at(STAGE.principal, 'INVALID_PRINCIPAL_FORMAT', at, n, msgInvalidPrincipal(member.key, n.value), `\`${n.value}\` is not a valid ${member.key} principal`)
      }
    })
    spec[field].push(...list.values)
  }
  return ok ? spec : undefined
}

/** Reads a Condition block into one clause per (operator, key) pair. */
export function readCondition(ctx: ElementContext, node: JsonNode, path: string): ConditionClause[] | undefined {
  if (node.type !== 'object') {
    ctx.problems.at(STAGE.syntax, 'DATA_TYPE_MISMATCH', path, node, MSG.syntax, `\`Condition\` must be an object, not ${describeNode(node)}`)
    return undefined
  }
  const clauses: ConditionClause[] = []
  let ok = true
  for (const opMember of node.members) {
    const opPath = pathKey(path, opMember.key)
    const block = opMember.value
    if (block.type !== 'object') {
      ok = false
      ctx.problems.at(STAGE.syntax, 'DATA_TYPE_MISMATCH', opPath, block, MSG.syntax, `condition operator \`${opMember.key}\` must map to an object of condition keys, not ${describeNode(block)}`)
      continue
    }
    const parts = parseConditionOperator(opMember.key)
    if (parts === undefined) {
      // IAM tolerates an unknown operator with an empty block; it has nothing to evaluate.
      if (block.members.length > 0) {
        ok = false
        ctx.problems.add(STAGE.syntax, 'INVALID_CONDITION_OPERATOR', opPath, opMember.keyRange, MSG.syntax, `unknown condition operator \`${opMember.key}\``)
      }
      continue
    }
    for (const keyMember of block.members) {
      const keyPath = pathKey(opPath, keyMember.key)
      if (keyMember.key === '') {
        ok = false
        ctx.problems.add(STAGE.syntax, 'INVALID_CONDITION_KEY_FORMAT', keyPath, keyMember.keyRange, MSG.syntax, 'a condition key cannot be empty')
        continue
      }
      const values = readConditionValues(ctx, keyMember.value, keyPath)
      if (values === undefined) {
        ok = false
        continue
      }
      if (parts.baseOperator.startsWith('Date')) checkDateValues(ctx, keyMember.value, keyPath, values)
      clauses.push({ operator: opMember.key, ...parts, key: keyMember.key, values })
    }
  }
  return ok ? clauses : undefined
}

function scalarToString(node: JsonNode): string | undefined {
  if (node.type === 'string') return node.value
  if (node.type === 'boolean') return node.value ? 'true' : 'false'
  if (node.type === 'number') return node.raw
  return undefined
}

function readConditionValues(ctx: ElementContext, node: JsonNode, path: string): string[] | undefined {
  const single = scalarToString(node)
  if (single !== undefined) return [single]
  if (node.type !== 'array') {
    ctx.problems.at(STAGE.syntax, 'DATA_TYPE_MISMATCH', path, node, MSG.syntax, `a condition value must be a string, number, boolean or an array of them, not ${describeNode(node)}`)
    return undefined
  }
  const values: string[] = []
  let ok = true
  node.items.forEach((item, i) => {
    const s = scalarToString(item)
    if (s === undefined) {
      ok = false
      ctx.problems.at(STAGE.syntax, 'DATA_TYPE_MISMATCH', pathIndex(path, i), item, MSG.syntax, `a condition value must be a string, number or boolean, not ${describeNode(item)}`)
    } else {
      values.push(s)
    }
  })
  return ok ? values : undefined
}

function checkDateValues(ctx: ElementContext, node: JsonNode, path: string, values: string[]): void {
  values.forEach((value, i) => {
    if (isIamDate(value)) return
    const item = node.type === 'array' ? node.items[i] : node
    const at = node.type === 'array' ? pathIndex(path, i) : path
    ctx.problems.add(STAGE.legacy, 'TYPE_MISMATCH_DATE', at, item?.range, MSG.legacy, `\`${value}\` is not an ISO 8601 date or a POSIX epoch time`)
  })
}

const MAX_EPOCH = 9223372036854775807n
const ISO_DATE = /^(-?\d{1,9})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/
const ISO_TIME = /^(\d{1,2})(?::(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)?(z|[+-]\d{2}(?::?\d{2})?)?$/

/** Whether IAM's date parser accepts `value`: ISO 8601 (date, optional time and zone) or epoch seconds. */
export function isIamDate(value: string): boolean {
  const v = value.toLowerCase()
  if (!v.includes('t') && !v.includes('-')) return /^\d{1,19}$/.test(v) && BigInt(v) <= MAX_EPOCH
  const [datePart = '', timePart, extra] = v.split('t')
  if (extra !== undefined) return false
  const d = ISO_DATE.exec(datePart)
  if (d === null) return false
  const year = Number(d[1])
  if (year < -292275054 || year > 292278993) return false
  if (d[2] !== undefined && (Number(d[2]) < 1 || Number(d[2]) > 12)) return false
  if (d[3] !== undefined && (Number(d[3]) < 1 || Number(d[3]) > 31)) return false
  if (timePart === undefined || timePart === '') return true
  const t = ISO_TIME.exec(timePart)
  if (t === null) return false
  if (Number(t[1]) > 23) return false
  if (t[2] !== undefined && Number(t[2]) > 59) return false
  if (t[3] !== undefined && Number(t[3]) > 59) return false
  return true
}
