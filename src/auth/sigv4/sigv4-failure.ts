import type { SigV4ErrorCode, VerifyFailure } from './types.js'

/**
 * HTTP statuses from the IAM and STS "Common Errors" pages; the two codes those pages do
 * not list follow S3, the only other service that uses them.
 */
const STATUS: Record<SigV4ErrorCode, number> = {
  MissingAuthenticationToken: 403,
  IncompleteSignature: 400,
  InvalidClientTokenId: 403,
  SignatureDoesNotMatch: 403,
  RequestExpired: 400,
  AuthorizationQueryParametersError: 400,
  XAmzContentSHA256Mismatch: 400
}

/** Builds a verification failure with AWS's HTTP status for the code. */
export function sigv4Failure(code: SigV4ErrorCode, message: string): VerifyFailure {
  return { ok: false, code, message, status: STATUS[code] }
}
