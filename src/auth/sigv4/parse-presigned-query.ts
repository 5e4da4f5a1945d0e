import {
  ALGORITHM,
  ALGORITHM_QUERY_PARAM,
  CREDENTIAL_QUERY_PARAM,
  DATE_QUERY_PARAM,
  EXPIRES_QUERY_PARAM,
  MSG_MISSING_AUTHENTICATION_TOKEN,
  MSG_REEXAMINE_QUERY,
  msgQueryRequires,
  SECURITY_TOKEN_QUERY_PARAM,
  SIGNATURE_QUERY_PARAM,
  SIGNED_HEADERS_QUERY_PARAM
} from './constants.js'
import type { RawQueryParam } from './get-canonical-query.js'
import { sigv4Failure } from './sigv4-failure.js'
import type { VerifyFailure } from './types.js'
import { decodeQueryComponent } from './uri-encode.js'

/** The SigV4 parameters of a presigned request, decoded. */
export interface PresignedQueryParts {
  credential: string
  signedHeaders: string
  signature: string
  amzDate: string
  expires?: string
  securityToken?: string
}

const WANTED = new Set([ALGORITHM_QUERY_PARAM, CREDENTIAL_QUERY_PARAM, DATE_QUERY_PARAM, SIGNED_HEADERS_QUERY_PARAM, SIGNATURE_QUERY_PARAM, EXPIRES_QUERY_PARAM, SECURITY_TOKEN_QUERY_PARAM])

/** Collects the first value of each X-Amz-* authentication parameter, decoded. */
export function findAuthQueryParams(params: readonly RawQueryParam[]): Map<string, string> {
  const found = new Map<string, string>()
  for (const { key, value } of params) {
    // Only keys that could be ours are decoded: most parameters are not.
    if (key.length < 6 || (key.charCodeAt(0) !== 0x58 && key.charCodeAt(0) !== 0x25)) continue
    const name = decodeQueryComponent(key)
    if (WANTED.has(name) && !found.has(name)) found.set(name, decodeQueryComponent(value))
  }
  return found
}

/** Reads the presigned parameters; AWS's errors when the algorithm is wrong or any is missing. */
export function parsePresignedQuery(found: ReadonlyMap<string, string>): PresignedQueryParts | VerifyFailure {
  if (found.get(ALGORITHM_QUERY_PARAM) !== ALGORITHM) return sigv4Failure('MissingAuthenticationToken', MSG_MISSING_AUTHENTICATION_TOKEN)
  const credential = found.get(CREDENTIAL_QUERY_PARAM) ?? ''
  const signature = found.get(SIGNATURE_QUERY_PARAM) ?? ''
  const signedHeaders = found.get(SIGNED_HEADERS_QUERY_PARAM) ?? ''
  const amzDate = found.get(DATE_QUERY_PARAM) ?? ''
  const missing: string[] = []
  if (credential === '') missing.push(msgQueryRequires(CREDENTIAL_QUERY_PARAM))
  if (signature === '') missing.push(msgQueryRequires(SIGNATURE_QUERY_PARAM))
  if (signedHeaders === '') missing.push(msgQueryRequires(SIGNED_HEADERS_QUERY_PARAM))
  if (amzDate === '') missing.push(msgQueryRequires(DATE_QUERY_PARAM))
  if (missing.length > 0) return sigv4Failure('IncompleteSignature', `${missing.join(' ')} ${MSG_REEXAMINE_QUERY}`)
  const parts: PresignedQueryParts = { credential, signature, signedHeaders, amzDate }
  const expires = found.get(EXPIRES_QUERY_PARAM)
  if (expires !== undefined) parts.expires = expires
  const token = found.get(SECURITY_TOKEN_QUERY_PARAM)
  if (token !== undefined) parts.securityToken = token
  return parts
}
