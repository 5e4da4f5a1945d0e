/**
 * Policy documents at the IAM API boundary: validation with IAM's errors on the way in,
 * URL-encoding on the way out (IAM returns every document URL-encoded).
 */
import { parsePolicy, type Policy, type PolicyKind, type PolicySizeLimit } from '../../policy/index.js'
import { iamError, type IamErrorCode } from './errors.js'

export interface PolicyDocumentOptions {
  /** Grammar to check: `identity` for managed and inline policies, `trust` for assume-role documents. */
  kind: PolicyKind
  /** Size quota to apply: `managed`, `user-inline`, `group-inline`, `role-inline`, `trust`. */
  sizeLimit: PolicySizeLimit
  /** The user, group or role name, for the inline-policy size message. */
  entityName?: string
  /** Overrides the quota of `sizeLimit` (e.g. a raised ACLSizePerRole). */
  sizeQuota?: number
}

/** A validated document, or the AWS error to throw. */
export type PolicyDocumentCheck = { ok: true; text: string; policy: Policy } | { ok: false; error: Error }

/**
 * The document text a caller meant: IAM also accepts a URL-encoded JSON document (what
 * Get*Policy returned), so a text that starts with an encoded `{` is decoded first.
 */
export function decodedPolicyText(raw: string): string {
  if (!/^\s*%7B/i.test(raw)) return raw
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/** Validates `raw` (decoded with {@link decodedPolicyText}) and returns the text to store, or the AWS error. */
export function checkPolicyDocument(raw: string, options: PolicyDocumentOptions): PolicyDocumentCheck {
  const text = decodedPolicyText(raw)
  const result = parsePolicy(text, {
    kind: options.kind,
    sizeLimit: options.sizeLimit,
    ...(options.entityName !== undefined ? { entityName: options.entityName } : {}),
    ...(options.sizeQuota !== undefined ? { sizeQuota: options.sizeQuota } : {})
  })
  if (result.policy !== undefined && result.problems.length === 0) return { ok: true, text, policy: result.policy }
  const code: IamErrorCode = result.code === 'LimitExceeded' ? 'LimitExceeded' : 'MalformedPolicyDocument'
  return { ok: false, error: iamError(code, result.message ?? 'Syntax errors in policy.') }
}

/** Like {@link checkPolicyDocument} but throws the AWS error (MalformedPolicyDocument or LimitExceeded); returns the text to store. */
export function requirePolicyDocument(raw: string, options: PolicyDocumentOptions): string {
  const check = checkPolicyDocument(raw, options)
  if (!check.ok) throw check.error
  return check.text
}

/** A stored document as IAM returns it: URL-encoded (RFC 3986, as encodeURIComponent does). */
export function encodePolicyDocument(text: string): string {
  return encodeURIComponent(text)
}
