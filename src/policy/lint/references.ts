/**
 * What a document refers to, so the caller can load just that part of the catalogue
 * before linting (the checks read it synchronously): the actions, the services named in
 * resource ARNs and condition keys, and AWS managed policy ARNs. Works on any JSON text:
 * a policy, or a template with policies inside.
 */
import { parseJson, type JsonNode } from '../json-source.js'
import { jsonBlocks } from './lint-markdown.js'

export interface LintReferences {
  /** Action strings as written (`s3:GetObject`, `s3:Get*`, `*`). */
  actions: Set<string>
  /** Service prefixes from ARNs and condition keys (lower case). */
  services: Set<string>
  /** True when the text names an AWS managed policy (`arn:aws:iam::aws:policy/...`). */
  managedPolicies: boolean
}

/** Collects the references of one JSON text, or of the ```json blocks of a guide. */
export function collectReferences(text: string, into?: LintReferences): LintReferences {
  const refs = into ?? { actions: new Set<string>(), services: new Set<string>(), managedPolicies: false }
  const root = parseJson(text).value
  if (root !== undefined) walk(root, refs)
  else for (const b of jsonBlocks(text)) collectReferences(text.slice(b.start, b.end), refs)
  if (/:iam::aws:policy\/|FullAccess|AdministratorAccess|PowerUserAccess/.test(text)) refs.managedPolicies = true
  return refs
}

function strings(node: JsonNode): string[] {
  if (node.type === 'string') return [node.value]
  if (node.type === 'array') return node.items.flatMap((i) => (i.type === 'string' ? [i.value] : []))
  return []
}

function walk(node: JsonNode, refs: LintReferences): void {
  if (node.type === 'array') {
    for (const item of node.items) walk(item, refs)
    return
  }
  if (node.type !== 'object') return
  for (const m of node.members) {
    if (m.key === 'Action' || m.key === 'NotAction') {
      for (const a of strings(m.value)) refs.actions.add(a)
    } else if (m.key === 'Resource' || m.key === 'NotResource') {
      for (const r of strings(m.value)) {
        const service = r.split(':')[2]
        if (r.startsWith('arn:') && service) refs.services.add(service.toLowerCase())
      }
    } else if (m.value.type === 'string' && /PolicyDocument$/.test(m.key)) {
      // CloudFormation accepts a policy written as a JSON string.
      collectReferences(m.value.value, refs)
    } else if (m.key === 'Condition' && m.value.type === 'object') {
      for (const op of m.value.members) {
        if (op.value.type !== 'object') continue
        for (const key of op.value.members) {
          const colon = key.key.indexOf(':')
          if (colon > 0) refs.services.add(key.key.slice(0, colon).toLowerCase())
        }
      }
    }
    walk(m.value, refs)
  }
}
