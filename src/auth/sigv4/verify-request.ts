import { formatAmzDate, parseAmzDate, parseHttpDate } from './amz-date.js'
import { buildSignature } from './build-signature.js'
import { checkCredentialScope } from './check-credential-scope.js'
import { checkRequestTime } from './check-request-time.js'
import {
  ALGORITHM_QUERY_PARAM,
  AMZ_DATE_HEADER,
  AUTHORITY_PSEUDO_HEADER,
  AUTHORIZATION_HEADER,
  CONTENT_SHA256_HEADER,
  DATE_HEADER,
  DEFAULT_CLOCK_SKEW_SECONDS,
  HOST_HEADER,
  MSG_BOTH_AUTH_FORMS,
  MSG_CONTENT_SHA256_MISMATCH,
  MSG_HOST_MUST_BE_SIGNED,
  MSG_INVALID_CLIENT_TOKEN_ID,
  MSG_MISSING_AUTHENTICATION_TOKEN,
  MSG_SIGNATURE_DOES_NOT_MATCH,
  msgBadDate,
  SECURITY_TOKEN_HEADER
} from './constants.js'
import { firstHeaderValue } from './get-canonical-headers.js'
import { parseRawQuery, type RawQueryParam } from './get-canonical-query.js'
import { getPayloadHash } from './get-payload-hash.js'
import { SigningKeyCache } from './get-signing-key.js'
import { parseAuthorizationHeader } from './parse-authorization-header.js'
import { parseCredential } from './parse-credential.js'
import { findAuthQueryParams, parsePresignedQuery } from './parse-presigned-query.js'
import { sigv4Failure } from './sigv4-failure.js'
import type { LookupSecret, SignableRequest, VerifyFailure, VerifyOptions, VerifyResult } from './types.js'

const defaultCache = new SigningKeyCache()

/** Options for one verifier; `signingKeyCache` defaults to one shared, bounded cache. */
export interface VerifierOptions extends VerifyOptions {
  signingKeyCache?: SigningKeyCache
}

/** What the request says about its own signature, whichever form carried it. */
interface ClaimedSignature {
  credential: string
  signedHeaders: string
  signature: string
  /** The timestamp as sent (X-Amz-Date, or the Date header's value). */
  dateText: string
  /** The Date header is the only form that is not ISO-8601 basic already. */
  fromDateHeader: boolean
  expires: string | undefined
  securityToken: string | undefined
  presigned: boolean
}

function readClaim(request: SignableRequest, params: readonly RawQueryParam[]): ClaimedSignature | VerifyFailure {
  const authorization = firstHeaderValue(request.headers[AUTHORIZATION_HEADER])
  const found = params.length > 0 ? findAuthQueryParams(params) : undefined
  const queryAuth = found?.has(ALGORITHM_QUERY_PARAM) === true
  if (authorization !== undefined && queryAuth) return sigv4Failure('SignatureDoesNotMatch', MSG_BOTH_AUTH_FORMS)
  if (authorization === undefined && !queryAuth) return sigv4Failure('MissingAuthenticationToken', MSG_MISSING_AUTHENTICATION_TOKEN)
  if (queryAuth) {
    const parts = parsePresignedQuery(found!)
    if ('ok' in parts) return parts
    return {
      credential: parts.credential,
      signedHeaders: parts.signedHeaders,
      signature: parts.signature,
      dateText: parts.amzDate,
      fromDateHeader: false,
      expires: parts.expires,
      securityToken: parts.securityToken,
      presigned: true
    }
  }
  const amzDate = firstHeaderValue(request.headers[AMZ_DATE_HEADER])
  const httpDate = amzDate === undefined ? firstHeaderValue(request.headers[DATE_HEADER]) : undefined
  const parts = parseAuthorizationHeader(authorization!, amzDate !== undefined || httpDate !== undefined)
  if ('ok' in parts) return parts
  return {
    credential: parts.credential,
    signedHeaders: parts.signedHeaders,
    signature: parts.signature,
    dateText: amzDate ?? httpDate!,
    fromDateHeader: amzDate === undefined,
    expires: undefined,
    securityToken: firstHeaderValue(request.headers[SECURITY_TOKEN_HEADER]),
    presigned: false
  }
}

function splitSignedHeaders(text: string): string[] {
  const names = text.split(';')
  for (let i = 0; i < names.length; i++) names[i] = names[i]!.toLowerCase()
  return names
}

/**
 * Compares the expected (lower-case hex) signature with the provided one, case-insensitively,
 * in time that depends on the length only: every character is compared, differences are
 * OR-ed together, nothing returns early (no Buffers, unlike crypto.timingSafeEqual).
 */
function signaturesEqual(expected: string, provided: string): boolean {
  if (expected.length !== provided.length) return false
  let diff = 0
  for (let i = 0; i < expected.length; i++) {
    const c = provided.charCodeAt(i)
    // 1 for 'A'..'Z' (neither difference negative), else 0: folded to lower case (| 0x20) without a branch on the value.
    const isUpper = 1 ^ ((c - 0x41) >>> 31) ^ ((0x5a - c) >>> 31)
    diff |= expected.charCodeAt(i) ^ (c | (isUpper << 5))
  }
  return diff === 0
}

/**
 * Verifies a SigV4-signed (Authorization header) or presigned (query) request. Never throws
 * on bad input: every problem is a failure with AWS's code, message and HTTP status. Only
 * `lookupSecret` failing (a server fault) rejects the promise.
 */
export async function verifyRequest(request: SignableRequest, now: Date, options: VerifierOptions, lookupSecret: LookupSecret): Promise<VerifyResult> {
  const params = parseRawQuery(request.query)
  const claim = readClaim(request, params)
  if ('ok' in claim) return claim

  // Errors are checked in the order AWS checks them, so clients see the same first error.
  const parsedDate = claim.fromDateHeader ? parseHttpDate(claim.dateText) : parseAmzDate(claim.dateText)
  if (parsedDate === undefined) return sigv4Failure('IncompleteSignature', msgBadDate(claim.dateText))
  const amzDate = claim.fromDateHeader ? formatAmzDate(parsedDate) : claim.dateText

  const timeFailure = checkRequestTime(parsedDate, amzDate, now, options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS, claim.presigned ? claim.expires : undefined)
  if (timeFailure) return timeFailure

  const signedHeaders = splitSignedHeaders(claim.signedHeaders)
  if (!signedHeaders.includes(HOST_HEADER) && !signedHeaders.includes(AUTHORITY_PSEUDO_HEADER)) {
    return sigv4Failure('SignatureDoesNotMatch', MSG_HOST_MUST_BE_SIGNED)
  }

  const credential = parseCredential(claim.credential)
  if ('ok' in credential) return credential
  const scopeFailure = checkCredentialScope(credential, amzDate, options.allowedServices, options.allowedRegions)
  if (scopeFailure) return scopeFailure

  const secret = await lookupSecret(credential.accessKeyId)
  if (secret === undefined) return sigv4Failure('InvalidClientTokenId', MSG_INVALID_CLIENT_TOKEN_ID)

  const bodyHash = getPayloadHash(request.body)
  const signingKey = (options.signingKeyCache ?? defaultCache).get(secret.secretAccessKey, credential)
  const { signature } = buildSignature({ request, signedHeaders, amzDate, scope: credential, signingKey, presigned: claim.presigned, queryParams: params, bodyHash })
  if (!signaturesEqual(signature, claim.signature)) return sigv4Failure('SignatureDoesNotMatch', MSG_SIGNATURE_DOES_NOT_MATCH)

  // The signature covers the header, not the body: a body swapped under a signed hash is caught here.
  const claimedHash = firstHeaderValue(request.headers[CONTENT_SHA256_HEADER])
  if (claimedHash !== undefined && claimedHash.toLowerCase() !== bodyHash) return sigv4Failure('XAmzContentSHA256Mismatch', MSG_CONTENT_SHA256_MISMATCH)

  const result: VerifyResult = {
    ok: true,
    accessKeyId: credential.accessKeyId,
    region: credential.region,
    service: credential.service,
    date: parsedDate,
    signedHeaders,
    presigned: claim.presigned
  }
  if (claim.securityToken !== undefined) result.securityToken = claim.securityToken
  return result
}
