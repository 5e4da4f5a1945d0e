/**
 * The policies a simulation request passes as text: PolicyInputList, the one
 * PermissionsBoundaryPolicyInputList document and ResourcePolicy. Each text is parsed once
 * (an LRU keyed by text), so a client repeating a simulation never re-parses. A document IAM
 * would not accept fails the call with InvalidInput, the simulator's error for bad input
 * (the botocore model lists no MalformedPolicyDocument for these operations).
 */
import { createLruCache, type PolicyInput, type PolicyType } from '../../eval/index.js'
import { parsePolicy, type Policy, type PolicyKind } from '../../policy/index.js'
import { iamError } from '../shared/errors.js'
import { decodedPolicyText } from '../shared/policy-document.js'
import type { ApiPolicySourceType } from './shapes.js'

/** One simulated policy: the engine's input and how results name it. */
export interface SourcedInput {
  input: PolicyInput
  sourceId: string
  sourceType: ApiPolicySourceType
}

const parsed = createLruCache<string, { policy: Policy } | { error: string }>(1024)

function parse(raw: string, kind: PolicyKind): Policy {
  const key = `${kind}\u0000${raw}`
  let hit = parsed.get(key)
  if (hit === undefined) {
    const result = parsePolicy(decodedPolicyText(raw), { kind, sizeLimit: 'none' })
    hit = result.policy !== undefined && result.problems.length === 0 ? { policy: result.policy } : { error: result.message ?? 'Syntax errors in policy.' }
    parsed.set(key, hit)
  }
  if ('error' in hit) throw iamError('InvalidInput', hit.error)
  return hit.policy
}

function sourced(id: string, type: PolicyType, policy: Policy, sourceType: ApiPolicySourceType): SourcedInput {
  return { input: { id, type, policy }, sourceId: id, sourceType }
}

/** PolicyInputList.N (1-based, as IAM names them in SourcePolicyId): identity policies not attached to anything. */
export function policyInputList(texts: readonly string[] | undefined): SourcedInput[] {
  return (texts ?? []).map((t, i) => sourced(`PolicyInputList.${i + 1}`, 'identity', parse(t, 'identity'), 'none'))
}

/** The permissions boundary passed as text (IAM takes at most one); undefined when none is given. */
export function boundaryInput(texts: readonly string[] | undefined): SourcedInput | undefined {
  if (texts === undefined || texts.length === 0) return undefined
  if (texts.length > 1) {
    throw iamError('InvalidInput', `PermissionsBoundaryPolicyInputList takes one permissions boundary policy, not ${texts.length}.`)
  }
  return sourced('PermissionsBoundaryPolicyInputList.1', 'boundary', parse(texts[0] as string, 'boundary'), 'none')
}

/** The ResourcePolicy, attached to every simulated resource. */
export function resourcePolicyInput(text: string | undefined): SourcedInput | undefined {
  return text === undefined ? undefined : sourced('ResourcePolicy', 'resource', parse(text, 'resource'), 'resource')
}
