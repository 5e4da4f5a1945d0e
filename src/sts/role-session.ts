/**
 * What every AssumeRole* operation checks and answers alike: the role ARN, the requested
 * duration against the role's MaxSessionDuration, session policies (parsed as IAM parses
 * them) and their packed size, and the AssumedRoleUser of the new session.
 */
import { parsePolicy } from '../policy/index.js'
import { awsError } from '../protocol/index.js'
import type { RoleRecord } from '../store/index.js'

/** A role ARN's parts: arn:aws:iam::<account>:role<path><name>. */
export interface RoleArnParts {
  account: string
  path: string
  name: string
}

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role(\/(?:[^/]+\/)*)([\w+=,.@-]+)$/
/** Bytes of packed session policies and tags STS allows per session. */
const PACKED_LIMIT = 2048

/** The parts of a role ARN, or undefined when it is not one. */
export function parseRoleArn(arn: string): RoleArnParts | undefined {
  const m = ROLE_ARN.exec(arn)
  return m ? { account: m[1]!, path: m[2]!, name: m[3]! } : undefined
}

/** The session policies and tags a request passes. */
export interface SessionPolicyInput {
  Policy?: string
  PolicyArns?: { arn?: string }[]
  Tags?: { Key: string; Value: string }[]
}

/** AWS's PackedPolicySize: the percentage of the packed session policy and tag space used. */
function packedPercent(input: SessionPolicyInput): number | undefined {
  if (input.Policy === undefined && !input.PolicyArns?.length && !input.Tags?.length) return undefined
  let bytes = 0
  if (input.Policy !== undefined) bytes += JSON.stringify(JSON.parse(input.Policy)).length
  for (const p of input.PolicyArns ?? []) bytes += (p.arn ?? '').length
  for (const t of input.Tags ?? []) bytes += t.Key.length + t.Value.length
  return Math.ceil((bytes * 100) / PACKED_LIMIT)
}

/**
 * Checks the session policy (MalformedPolicyDocument) and the packed size
 * (PackedPolicyTooLarge); returns PackedPolicySize, or undefined when nothing was passed.
 */
export function checkSessionPolicies(input: SessionPolicyInput): number | undefined {
  if (input.Policy !== undefined) {
    const parsed = parsePolicy(input.Policy, { kind: 'session', sizeLimit: 'none' })
    if (!parsed.policy) throw awsError('MalformedPolicyDocument', parsed.message ?? 'Syntax errors in policy.')
  }
  const packed = packedPercent(input)
  if (packed !== undefined && packed > 100) {
    throw awsError('PackedPolicyTooLarge', `Packed policy consumes ${packed}% of allotted space, please use smaller policy for this session.`)
  }
  return packed
}

/** The requested duration (default one hour) if the role allows it; ValidationError otherwise. */
export function checkRoleDuration(requested: number | undefined, role: RoleRecord): number {
  const duration = requested ?? 3600
  if (duration > role.maxSessionDuration) {
    throw awsError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.')
  }
  return duration
}

/** The AssumedRoleUser of a role session. */
export function assumedRoleUser(accountId: string, role: RoleRecord, sessionName: string): { AssumedRoleId: string; Arn: string } {
  return { AssumedRoleId: `${role.id}:${sessionName}`, Arn: `arn:aws:sts::${accountId}:assumed-role/${role.name}/${sessionName}` }
}
