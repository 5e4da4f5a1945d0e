/**
 * Which kind of policy a document is, from its content: statements with a Principal make a
 * trust policy when they grant only STS actions and name no Resource (a role's
 * assume-role policy), a resource-based policy otherwise; without a Principal it is an
 * identity-based policy. SCPs and RCPs look like identity and resource policies, so they
 * are never guessed: the caller says so.
 */
import { getMember, type JsonNode } from '../json-source.js'
import type { PolicyKind } from '../model.js'

/** The kind of policy `root` most likely is. */
export function detectKind(root: JsonNode): PolicyKind {
  if (root.type !== 'object') return 'identity'
  const statement = getMember(root, 'Statement')?.value
  const statements = statement?.type === 'array' ? statement.items : statement !== undefined ? [statement] : []
  const objects = statements.filter((s) => s.type === 'object')
  const withPrincipal = objects.filter((s) => getMember(s, 'Principal') !== undefined || getMember(s, 'NotPrincipal') !== undefined)
  if (withPrincipal.length === 0) return 'identity'
  const trustLike = objects.every((s) => {
    if (getMember(s, 'Resource') !== undefined || getMember(s, 'NotResource') !== undefined) return false
    const action = getMember(s, 'Action')?.value
    const values = action?.type === 'string' ? [action] : action?.type === 'array' ? action.items : []
    return values.length > 0 && values.every((v) => v.type === 'string' && /^sts:/i.test(v.value))
  })
  return trustLike ? 'trust' : 'resource'
}
