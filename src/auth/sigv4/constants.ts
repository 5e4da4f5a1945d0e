/**
 * Fixed strings of AWS Signature Version 4: names, the algorithm, and the error messages
 * IAM and STS answer with (verified against observed AWS responses, see the README).
 */

export const ALGORITHM = 'AWS4-HMAC-SHA256'
export const KEY_PREFIX = 'AWS4'
export const TERMINATOR = 'aws4_request'

// Lower-cased header names (the request description carries lower-cased names).
export const AUTHORIZATION_HEADER = 'authorization'
export const AMZ_DATE_HEADER = 'x-amz-date'
export const DATE_HEADER = 'date'
export const CONTENT_SHA256_HEADER = 'x-amz-content-sha256'
export const SECURITY_TOKEN_HEADER = 'x-amz-security-token'
export const HOST_HEADER = 'host'
export const AUTHORITY_PSEUDO_HEADER = ':authority'

// Presigned query parameters (case-sensitive, as AWS reads them).
export const ALGORITHM_QUERY_PARAM = 'X-Amz-Algorithm'
export const CREDENTIAL_QUERY_PARAM = 'X-Amz-Credential'
export const DATE_QUERY_PARAM = 'X-Amz-Date'
export const SIGNED_HEADERS_QUERY_PARAM = 'X-Amz-SignedHeaders'
export const SIGNATURE_QUERY_PARAM = 'X-Amz-Signature'
export const EXPIRES_QUERY_PARAM = 'X-Amz-Expires'
export const SECURITY_TOKEN_QUERY_PARAM = 'X-Amz-Security-Token'

/** SHA-256 of the empty string, the payload hash of every body-less request. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

export const DEFAULT_CLOCK_SKEW_SECONDS = 300
/** Longest validity of a presigned request: a signing key is good for seven days. */
export const MAX_PRESIGNED_EXPIRES_SECONDS = 604_800
export const DEFAULT_SIGNING_KEY_CACHE_SIZE = 1024

export const MSG_MISSING_AUTHENTICATION_TOKEN = 'Request is missing Authentication Token'
export const MSG_INVALID_CLIENT_TOKEN_ID = 'The security token included in the request is invalid.'
export const MSG_SIGNATURE_DOES_NOT_MATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'
export const MSG_REQUEST_EXPIRED = 'Request has expired.'
export const MSG_HOST_MUST_BE_SIGNED = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."
export const MSG_BOTH_AUTH_FORMS = "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header."
export const MSG_REQUIRES_DATE = "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
export const MSG_REEXAMINE_QUERY = 'Re-examine the query-string parameters.'
export const MSG_CONTENT_SHA256_MISMATCH = "The provided 'x-amz-content-sha256' header does not match what was computed."
export const MSG_EXPIRES_NOT_A_NUMBER = 'X-Amz-Expires should be a number'
export const MSG_EXPIRES_NEGATIVE = 'X-Amz-Expires must be non-negative'
export const MSG_EXPIRES_TOO_LARGE = 'X-Amz-Expires must be less than a week (in seconds) that is 604800'

/** "Authorization header requires 'X' parameter." */
export function msgHeaderRequires(parameter: string): string {
  return `Authorization header requires '${parameter}' parameter.`
}

/** "AWS query-string parameters must include 'X'." */
export function msgQueryRequires(parameter: string): string {
  return `AWS query-string parameters must include '${parameter}'.`
}

export function msgUnsupportedAlgorithm(algorithm: string): string {
  return `Unsupported AWS 'algorithm': '${algorithm}' (only AWS4-HMAC-SHA256 for now). `
}

export function msgMissingEqualSign(pair: string, header: string): string {
  return `'${pair}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`
}

export function msgCredentialElements(credential: string): string {
  return `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`
}

export function msgBadDate(value: string): string {
  return `Date must be in ISO-8601 'basic format'. Got '${value}'. See http://en.wikipedia.org/wiki/ISO_8601`
}

// The scope messages end in ". " and are concatenated, exactly as AWS returns them.
export function msgScopeRegion(region: string): string {
  return `Credential should be scoped to a valid region, not '${region}'. `
}

export function msgScopeService(expected: string): string {
  return `Credential should be scoped to correct service: '${expected}'. `
}

export function msgScopeTerminator(terminator: string): string {
  return `Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${terminator}'. `
}

export function msgScopeDate(scopeDate: string, requestDay: string, requestStamp: string): string {
  return `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${requestDay}', from '${requestStamp}'.`
}

export function msgSignatureExpired(stamp: string, earliest: string, now: string, skew: string): string {
  return `Signature expired: ${stamp} is now earlier than ${earliest} (${now} - ${skew}.)`
}

export function msgSignatureNotYetCurrent(stamp: string, latest: string, now: string, skew: string): string {
  return `Signature not yet current: ${stamp} is still later than ${latest} (${now} + ${skew}.)`
}
