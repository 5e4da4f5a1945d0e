/**
 * Policy size quotas. IAM does not count white space outside strings; STS session policies
 * and Organizations policies count every character.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
import type { PolicyIssue, PolicyProblem, PolicySizeLimit } from './model.js'
import { CODE_LIMIT, CODE_VALIDATION, MSG } from './messages.js'

interface LimitRule {
  quota: number
  countsWhitespace: boolean
  code: string
  message: (quota: number, entityName: string | undefined, text: string) => string
}

const inlineMessage =
  (entity: string) =>
  (quota: number, name: string | undefined): string =>
    `Maximum policy size of ${quota} bytes exceeded for ${entity}${name === undefined ? '' : ` ${name}`}`

const RULES: Record<Exclude<PolicySizeLimit, 'none'>, LimitRule> = {
  managed: { quota: 6144, countsWhitespace: false, code: CODE_LIMIT, message: (q) => (q === 6144 ? MSG.managedSize : `Cannot exceed quota for PolicySize: ${q}`) },
  'role-inline': { quota: 10240, countsWhitespace: false, code: CODE_LIMIT, message: inlineMessage('role') },
  'user-inline': { quota: 2048, countsWhitespace: false, code: CODE_LIMIT, message: inlineMessage('user') },
  'group-inline': { quota: 5120, countsWhitespace: false, code: CODE_LIMIT, message: inlineMessage('group') },
  trust: { quota: 2048, countsWhitespace: false, code: CODE_LIMIT, message: (q) => (q === 2048 ? MSG.trustSize : `Cannot exceed quota for ACLSizePerRole: ${q}`) },
  // STS checks the Policy parameter's length constraint before anything else.
  session: {
    quota: 2048,
    countsWhitespace: true,
    code: CODE_VALIDATION,
    message: (q, _n, text) => `1 validation error detected: Value '${text}' at 'policy' failed to satisfy constraint: Member must have length less than or equal to ${q}`
  },
  scp: { quota: 5120, countsWhitespace: true, code: CODE_LIMIT, message: (q) => `Policy document exceeds the maximum size of ${q} characters.` }
}

const SIZE_ISSUE: Record<Exclude<PolicySizeLimit, 'none'>, PolicyIssue> = {
  managed: 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA',
  'role-inline': 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA',
  'user-inline': 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA',
  'group-inline': 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA',
  trust: 'POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA',
  session: 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA',
  scp: 'POLICY_SIZE_EXCEEDS_SCP_QUOTA'
}

/** The default quota for a size limit (undefined for `none`). */
export function sizeQuota(limit: PolicySizeLimit): number | undefined {
  return limit === 'none' ? undefined : RULES[limit].quota
}

/** Counts characters (code points) as AWS does; white space outside strings only when `countsWhitespace`. */
export function policySize(text: string, countsWhitespace: boolean): number {
  let count = 0
  let inString = false
  const n = text.length
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    // A surrogate pair is one character; count its high half only.
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const prev = text.charCodeAt(i - 1)
      if (prev >= 0xd800 && prev <= 0xdbff) continue
    }
    if (inString) {
      count++
      if (c === 0x5c) {
        i++
        if (i < n) count++
      } else if (c === 0x22) {
        inString = false
      }
    } else if (c === 0x22) {
      inString = true
      count++
    } else if (countsWhitespace || (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d)) {
      count++
    }
  }
  return count
}

/** The size problem for `text`, or undefined when it fits. */
export function checkPolicySize(
  text: string,
  limit: PolicySizeLimit,
  quota: number | undefined,
  entityName: string | undefined
): PolicyProblem | undefined {
  if (limit === 'none') return undefined
  const rule = RULES[limit]
  const max = quota ?? rule.quota
  // Cheap exits: a text no longer than the quota always fits.
  if (text.length <= max) return undefined
  const size = policySize(text, rule.countsWhitespace)
  if (size <= max) return undefined
  return {
    path: '$',
    message: rule.message(max, entityName, text),
    range: undefined,
    code: rule.code,
    issue: SIZE_ISSUE[limit],
    detail: `the policy has ${size} characters${rule.countsWhitespace ? '' : ' (white space not counted)'}; the quota is ${max}`
  }
}
