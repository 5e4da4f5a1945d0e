/**
 * The blueprint file format, as data: one shape per YAML node, checked node by node so that
 * every error names the line it is on (and every error is reported, not only the first).
 * `blueprintJsonSchema()` renders the same shapes as JSON Schema for editors.
 */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml'

export type Shape =
  | { kind: 'string'; pattern?: RegExp; patternText?: string; enum?: readonly string[]; description?: string }
  | { kind: 'boolean'; description?: string }
  | { kind: 'integer'; min: number; max: number; description?: string }
  | { kind: 'scalar'; description?: string }
  | { kind: 'object'; fields: Record<string, Field>; description?: string }
  | { kind: 'list'; of: Shape; description?: string }
  | { kind: 'map'; of: Shape; keyPattern: RegExp; keyText: string; description?: string }
  | { kind: 'document'; description?: string }

export interface Field {
  shape: Shape
  required?: boolean
}

/** One problem in a blueprint file, located by line and column (1-based). */
export interface BlueprintProblem {
  line: number
  column: number
  /** Path of the node, e.g. `roles[0].trust`. */
  path: string
  message: string
}

/** Blueprint and parameter names: lower-case words joined by hyphens (they end up in tags and paths). */
export const BLUEPRINT_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/
const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/
// IAM's own patterns (CreateRole/CreateUser/CreatePolicy) before parameters are substituted
// would reject `${user}`; the exact IAM patterns are checked after substitution (load.ts).
const str = (description?: string): Shape => ({ kind: 'string', description })
const when: Field = { shape: { kind: 'string', pattern: PARAMETER_NAME, patternText: 'a boolean parameter name', description: 'create this entity only when the boolean parameter is true' } }
const path: Field = { shape: { kind: 'string', description: 'IAM path, default /' } }
const inlinePolicies: Field = {
  shape: { kind: 'list', of: { kind: 'object', fields: { name: { shape: str(), required: true }, document: { shape: { kind: 'document' }, required: true } } }, description: 'inline policies: name and document' }
}
const managedPolicies: Field = { shape: { kind: 'list', of: str(), description: 'names of policies declared in this blueprint, or policy ARNs' } }
const boundary: Field = { shape: str('permissions boundary: a policy declared here or a policy ARN') }

const parameter: Shape = {
  kind: 'object',
  fields: {
    description: { shape: str() },
    type: { shape: { kind: 'string', enum: ['string', 'boolean', 'integer'] } },
    default: { shape: { kind: 'scalar' } },
    pattern: { shape: str('a regular expression a string value must match') }
  }
}

export const BLUEPRINT_SHAPE: Shape = {
  kind: 'object',
  fields: {
    blueprint: { shape: { kind: 'string', pattern: BLUEPRINT_NAME, patternText: 'lower-case letters, digits and hyphens, at most 63', description: 'the blueprint name (the value of the warden:blueprint ownership tag)' }, required: true },
    description: { shape: str(), required: true },
    guide: { shape: str('the guide this blueprint implements') },
    parameters: { shape: { kind: 'map', of: parameter, keyPattern: PARAMETER_NAME, keyText: 'letters, digits and _' } },
    policies: {
      shape: {
        kind: 'list',
        description: 'customer managed policies',
        of: { kind: 'object', fields: { name: { shape: str(), required: true }, path, description: { shape: str() }, document: { shape: { kind: 'document' }, required: true }, when } }
      }
    },
    roles: {
      shape: {
        kind: 'list',
        of: {
          kind: 'object',
          fields: {
            name: { shape: str(), required: true },
            path,
            description: { shape: str() },
            max_session_duration: { shape: { kind: 'integer', min: 3600, max: 43200 } },
            trust: { shape: { kind: 'document', description: 'the trust (assume role) policy' }, required: true },
            managed_policies: managedPolicies,
            inline_policies: inlinePolicies,
            permissions_boundary: boundary,
            when
          }
        }
      }
    },
    instance_profiles: {
      shape: { kind: 'list', of: { kind: 'object', fields: { name: { shape: str(), required: true }, path, role: { shape: str('a role declared in this blueprint'), required: true }, when } } }
    },
    groups: {
      shape: {
        kind: 'list',
        description: 'groups are created under the path /warden/<blueprint>/, which marks them as the blueprint\'s (IAM groups cannot be tagged)',
        of: { kind: 'object', fields: { name: { shape: str(), required: true }, managed_policies: managedPolicies, inline_policies: inlinePolicies, when } }
      }
    },
    users: {
      shape: {
        kind: 'list',
        of: {
          kind: 'object',
          fields: {
            name: { shape: str(), required: true },
            path,
            groups: { shape: { kind: 'list', of: str(), description: 'groups declared in this blueprint' } },
            managed_policies: managedPolicies,
            inline_policies: inlinePolicies,
            permissions_boundary: boundary,
            access_key: { shape: { kind: 'boolean', description: 'create one access key (its secret is shown once)' } },
            when
          }
        }
      }
    },
    service_linked_roles: {
      shape: { kind: 'list', of: { kind: 'object', fields: { service: { shape: str('the service principal, e.g. spot.amazonaws.com'), required: true }, description: { shape: str() }, when } } }
    }
  }
}

/** Where a node starts, 1-based. */
export function positionOf(node: Node | null | undefined, lines: LineCounter): { line: number; column: number } {
  const offset = node?.range?.[0] ?? 0
  const p = lines.linePos(offset)
  return { line: p.line, column: p.col }
}

/** Renders a path of keys and indices as `roles[0].trust`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = ''
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`
  return out || '(top level)'
}

function typeName(node: Node | null): string {
  if (node === null) return 'nothing'
  if (isMap(node)) return 'a mapping'
  if (isSeq(node)) return 'a list'
  if (isScalar(node)) {
    const v = node.value
    return v === null ? 'null' : typeof v === 'string' ? 'a string' : typeof v === 'boolean' ? 'a boolean' : typeof v === 'number' ? 'a number' : 'a value'
  }
  return 'an alias'
}

/** Checks a parsed YAML document against the blueprint shape; returns every problem. */
export function validateShape(doc: Document, lines: LineCounter, shape: Shape = BLUEPRINT_SHAPE): BlueprintProblem[] {
  const problems: BlueprintProblem[] = []
  const report = (node: Node | null, at: (string | number)[], message: string): void => void problems.push({ ...positionOf(node, lines), path: formatPath(at), message })
  const visit = (node: Node | null, s: Shape, at: (string | number)[]): void => {
    const expected = (what: string): void => report(node, at, `\`${formatPath(at)}\` must be ${what}, not ${typeName(node)}`)
    switch (s.kind) {
      case 'string':
        if (!isScalar(node) || typeof node.value !== 'string') return expected('a string')
        if (s.enum && !s.enum.includes(node.value)) return report(node, at, `\`${formatPath(at)}\` must be one of ${s.enum.map((e) => `\`${e}\``).join(', ')}, not \`${node.value}\``)
        if (s.pattern && !s.pattern.test(node.value)) return report(node, at, `\`${node.value}\` is not a valid \`${formatPath(at)}\` (${s.patternText ?? s.pattern.source})`)
        return
      case 'boolean':
        if (!isScalar(node) || typeof node.value !== 'boolean') return expected('true or false')
        return
      case 'integer':
        if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value)) return expected('an integer')
        if (node.value < s.min || node.value > s.max) return report(node, at, `\`${formatPath(at)}\` must be from ${s.min} to ${s.max}, not ${node.value}`)
        return
      case 'scalar':
        if (!isScalar(node) || node.value === null || typeof node.value === 'object') return expected('a string, number or boolean')
        return
      case 'document':
        if (!isMap(node)) return expected('a policy document (a mapping with Version and Statement)')
        return
      case 'list':
        if (!isSeq(node)) return expected('a list')
        node.items.forEach((item, i) => visit(item as Node | null, s.of, [...at, i]))
        return
      case 'map':
        if (!isMap(node)) return expected('a mapping')
        for (const pair of node.items) {
          const key = isScalar(pair.key) ? String(pair.key.value) : ''
          if (!s.keyPattern.test(key)) report(pair.key as Node, [...at, key], `\`${key}\` is not a valid name under \`${formatPath(at)}\` (${s.keyText})`)
          else visit(pair.value as Node | null, s.of, [...at, key])
        }
        return
      case 'object': {
        if (!isMap(node)) return expected('a mapping')
        const seen = new Set<string>()
        for (const pair of node.items) {
          const key = isScalar(pair.key) ? String(pair.key.value) : ''
          seen.add(key)
          const field = s.fields[key]
          if (!field) {
            const known = Object.keys(s.fields).map((k) => `\`${k}\``).join(', ')
            report(pair.key as Node, [...at, key], `unknown field \`${key}\`${at.length ? ` in \`${formatPath(at)}\`` : ''} (expected one of ${known})`)
            continue
          }
          visit(pair.value as Node | null, field.shape, [...at, key])
        }
        for (const [key, field] of Object.entries(s.fields)) {
          if (field.required && !seen.has(key)) report(node, at, `missing required field \`${key}\`${at.length ? ` in \`${formatPath(at)}\`` : ''}`)
        }
        return
      }
    }
  }
  visit(doc.contents as Node | null, shape, [])
  return problems
}

/** The blueprint format as JSON Schema (draft 2020-12), for editors such as yaml-language-server. */
export function blueprintJsonSchema(): Record<string, unknown> {
  const render = (s: Shape): Record<string, unknown> => {
    const d = s.description ? { description: s.description } : {}
    switch (s.kind) {
      case 'string':
        return { type: 'string', ...(s.enum ? { enum: s.enum } : {}), ...(s.pattern ? { pattern: s.pattern.source } : {}), ...d }
      case 'boolean':
        return { type: 'boolean', ...d }
      case 'integer':
        return { type: 'integer', minimum: s.min, maximum: s.max, ...d }
      case 'scalar':
        return { type: ['string', 'number', 'boolean'], ...d }
      case 'document':
        return { type: 'object', required: ['Statement'], ...d }
      case 'list':
        return { type: 'array', items: render(s.of), ...d }
      case 'map':
        return { type: 'object', propertyNames: { pattern: s.keyPattern.source }, additionalProperties: render(s.of), ...d }
      case 'object':
        return {
          type: 'object',
          properties: Object.fromEntries(Object.entries(s.fields).map(([k, f]) => [k, render(f.shape)])),
          required: Object.entries(s.fields).filter(([, f]) => f.required).map(([k]) => k),
          additionalProperties: false,
          ...d
        }
    }
  }
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', title: 'Warden blueprint', ...render(BLUEPRINT_SHAPE) }
}
