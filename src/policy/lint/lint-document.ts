/**
 * Lints a file: a policy document, or IAM principals described with CloudFormation's
 * vocabulary, which is how a guide or a blueprint says "this role has this trust policy,
 * these inline policies and these AWS managed policies attached". Accepted shapes:
 *
 * - a template: `{"Resources": {"TrainingRole": {"Type": "AWS::IAM::Role", "Properties": {...}}}}`
 * - one resource: `{"Type": "AWS::IAM::Role", "Properties": {...}}`
 * - bare properties: `{"AssumeRolePolicyDocument": {...}, "ManagedPolicyArns": [...], "Policies": [...]}`
 *
 * Embedded policies are linted in place, so findings keep their line and column in the file.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-role.html
 */
import { getMember, parseJson, type JsonNode, type JsonObjectNode } from '../json-source.js'
import type { PolicyKind, SourcePosition, SourceRange } from '../model.js'
import { pathIndex, pathKey } from '../problems.js'
import { checkManagedPolicyArn } from './checks/managed-policies.js'
import { LintContext } from './context.js'
import { lintPolicy, sortFindings } from './lint-policy.js'
import type { LintFinding, LintOptions, LintResult } from './types.js'

const PRINCIPAL_PROPERTIES = ['AssumeRolePolicyDocument', 'ManagedPolicyArns', 'Policies', 'PermissionsBoundary', 'PolicyDocument']

/** Policy kind of each CloudFormation resource type's PolicyDocument property. */
const POLICY_DOCUMENT_KIND: Record<string, PolicyKind> = {
  'AWS::IAM::ManagedPolicy': 'identity',
  'AWS::IAM::Policy': 'identity',
  'AWS::IAM::RolePolicy': 'identity',
  'AWS::IAM::UserPolicy': 'identity',
  'AWS::IAM::GroupPolicy': 'identity',
  'AWS::S3::BucketPolicy': 'resource',
  'AWS::SQS::QueuePolicy': 'resource',
  'AWS::SNS::TopicPolicy': 'resource'
}
const PRINCIPAL_TYPES = new Set(['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'])

/**
 * True when the text is something `lintDocument` checks: a policy document (has Statement) or
 * a CloudFormation-shaped description of principals. Directory scans skip other JSON files
 * (package.json, tsconfig.json); a file named explicitly is always linted.
 */
export function isPolicyOrTemplate(text: string): boolean {
  const root = parseJson(text).value
  if (root === undefined || root.type !== 'object') return false
  if (getMember(root, 'Statement') !== undefined) return true
  const resources = getMember(root, 'Resources')?.value
  if (resources?.type === 'object') return true
  const type = getMember(root, 'Type')?.value
  if (type?.type === 'string' && type.value.startsWith('AWS::')) return true
  return PRINCIPAL_PROPERTIES.some((p) => getMember(root, p) !== undefined)
}

/** Lints a policy document or a CloudFormation-shaped description of principals; never throws on user input. */
export function lintDocument(text: string, options: LintOptions): LintResult {
  const root = parseJson(text).value
  if (root === undefined || root.type !== 'object' || getMember(root, 'Statement') !== undefined) return lintPolicy(text, options)
  const resources = getMember(root, 'Resources')?.value
  const type = getMember(root, 'Type')?.value
  const properties = getMember(root, 'Properties')?.value
  const linter = new TemplateLinter(text, options)
  if (resources?.type === 'object') {
    for (const m of resources.members) {
      if (m.value.type === 'object') linter.resource(m.value, pathKey('$.Resources', m.key))
    }
  } else if (type?.type === 'string' && properties?.type === 'object') {
    linter.resource(root, '$')
  } else if (PRINCIPAL_PROPERTIES.some((p) => getMember(root, p) !== undefined)) {
    linter.properties(root, '$', undefined)
  } else {
    return lintPolicy(text, options)
  }
  return { kind: undefined, findings: sortFindings(linter.ctx.findings) }
}

class TemplateLinter {
  readonly ctx: LintContext

  constructor(
    private readonly text: string,
    private readonly options: LintOptions
  ) {
    this.ctx = new LintContext('identity', options.catalog, options.managedPolicies)
  }

  resource(node: JsonObjectNode, path: string): void {
    const type = getMember(node, 'Type')?.value
    const properties = getMember(node, 'Properties')?.value
    if (type?.type !== 'string' || properties?.type !== 'object') return
    if (PRINCIPAL_TYPES.has(type.value) || POLICY_DOCUMENT_KIND[type.value] !== undefined) {
      this.properties(properties, pathKey(path, 'Properties'), type.value)
    }
  }

  /** The policy-bearing properties of one resource; `type` undefined for bare properties. */
  properties(props: JsonObjectNode, path: string, type: string | undefined): void {
    const trust = getMember(props, 'AssumeRolePolicyDocument')
    if (trust !== undefined) this.embedded(trust.value, pathKey(path, 'AssumeRolePolicyDocument'), 'trust')
    const document = getMember(props, 'PolicyDocument')
    if (document !== undefined) this.embedded(document.value, pathKey(path, 'PolicyDocument'), (type !== undefined ? POLICY_DOCUMENT_KIND[type] : undefined) ?? 'auto')
    const policies = getMember(props, 'Policies')?.value
    if (policies?.type === 'array') {
      policies.items.forEach((item, i) => {
        const doc = item.type === 'object' ? getMember(item, 'PolicyDocument') : undefined
        if (doc !== undefined) this.embedded(doc.value, pathKey(pathIndex(pathKey(path, 'Policies'), i), 'PolicyDocument'), 'identity')
      })
    }
    const managed = getMember(props, 'ManagedPolicyArns')?.value
    if (managed?.type === 'array') {
      managed.items.forEach((item, i) => {
        if (item.type === 'string') checkManagedPolicyArn(this.ctx, item.value, { path: pathIndex(pathKey(path, 'ManagedPolicyArns'), i), range: item.range }, false)
      })
    }
    const boundary = getMember(props, 'PermissionsBoundary')?.value
    if (boundary?.type === 'string') checkManagedPolicyArn(this.ctx, boundary.value, { path: pathKey(path, 'PermissionsBoundary'), range: boundary.range }, true)
  }

  /** Lints a policy written inside the file, shifting its findings to the file's positions and paths. */
  embedded(node: JsonNode, path: string, kind: PolicyKind | 'auto'): void {
    const document = path.replace(/^\$\.?/, '')
    if (node.type === 'string') {
      // A policy given as a JSON string: positions inside the string cannot be mapped, so findings point at the string.
      for (const f of lintPolicy(node.value, { ...this.options, kind }).findings) this.ctx.findings.push({ ...f, path: path + f.path.slice(1), range: node.range, document })
      return
    }
    const intrinsic = findIntrinsic(node, path)
    if (intrinsic !== undefined) {
      this.ctx.report('UNRESOLVED_CLOUDFORMATION_VALUE', intrinsic, `This policy uses the CloudFormation function ${intrinsic.name}, which Warden does not resolve, so the policy was not checked. Lint the template after substituting values (for example with the output of \`aws cloudformation get-template --template-stage Processed\`).`)
      return
    }
    const sub = this.text.slice(node.range.start.offset, node.range.end.offset)
    for (const f of lintPolicy(sub, { ...this.options, kind }).findings) {
      const shifted: LintFinding = { ...f, path: path + f.path.slice(1), range: f.range && shiftRange(f.range, node.range.start), document }
      this.ctx.findings.push(shifted)
    }
  }
}

/** A CloudFormation intrinsic function (`{"Ref": ...}`, `{"Fn::Sub": ...}`) anywhere under `node`. */
function findIntrinsic(node: JsonNode, path: string): { path: string; range: SourceRange; name: string } | undefined {
  if (node.type === 'array') {
    for (let i = 0; i < node.items.length; i++) {
      const hit = findIntrinsic(node.items[i]!, pathIndex(path, i))
      if (hit !== undefined) return hit
    }
    return undefined
  }
  if (node.type !== 'object') return undefined
  const only = node.members.length === 1 ? node.members[0] : undefined
  if (only !== undefined && (only.key === 'Ref' || only.key.startsWith('Fn::'))) return { path, range: node.range, name: only.key }
  for (const m of node.members) {
    const hit = findIntrinsic(m.value, pathKey(path, m.key))
    if (hit !== undefined) return hit
  }
  return undefined
}

/** Moves a range found in a slice of the text that starts at `origin` back to the whole text. */
export function shiftRange(range: SourceRange, origin: SourcePosition): SourceRange {
  const shift = (p: SourcePosition): SourcePosition => ({
    line: p.line + origin.line - 1,
    column: p.line === 1 ? p.column + origin.column - 1 : p.column,
    offset: p.offset + origin.offset
  })
  return { start: shift(range.start), end: shift(range.end) }
}
