import { computeSignature } from './compute-signature.js'
import { CONTENT_SHA256_HEADER, SIGNATURE_QUERY_PARAM } from './constants.js'
import { createCanonicalRequest } from './create-canonical-request.js'
import { createScope } from './create-scope.js'
import { createStringToSign } from './create-string-to-sign.js'
import { getCanonicalHeaders, firstHeaderValue } from './get-canonical-headers.js'
import { getCanonicalQuery, parseRawQuery, type RawQueryParam } from './get-canonical-query.js'
import { getCanonicalUri } from './get-canonical-uri.js'
import { getPayloadHash } from './get-payload-hash.js'
import type { CredentialScope, SignableRequest } from './types.js'

export interface SignatureInputs {
  request: SignableRequest
  /** Lower-cased signed header names, in the order the client listed them. */
  signedHeaders: readonly string[]
  /** `YYYYMMDDTHHMMSSZ` */
  amzDate: string
  scope: CredentialScope
  signingKey: Buffer
  /** Presigned requests leave X-Amz-Signature out of the canonical query. */
  presigned: boolean
  /** The request's query, already split (saves a second pass). */
  queryParams?: readonly RawQueryParam[]
  /** The body hash, when the caller has computed it already. */
  bodyHash?: string
}

export interface SignatureSteps {
  canonicalRequest: string
  stringToSign: string
  signature: string
}

/** Runs every SigV4 step for a request: canonical request, string to sign, signature. */
export function buildSignature(inputs: SignatureInputs): SignatureSteps {
  const { request } = inputs
  const params = inputs.queryParams ?? parseRawQuery(request.query)
  const canonicalRequest = createCanonicalRequest({
    method: request.method.toUpperCase(),
    canonicalUri: getCanonicalUri(request.path),
    canonicalQuery: getCanonicalQuery(params, inputs.presigned ? SIGNATURE_QUERY_PARAM : undefined),
    canonicalHeaders: getCanonicalHeaders(request.headers, inputs.signedHeaders),
    signedHeaders: inputs.signedHeaders.join(';'),
    payloadHash: firstHeaderValue(request.headers[CONTENT_SHA256_HEADER]) ?? inputs.bodyHash ?? getPayloadHash(request.body)
  })
  const stringToSign = createStringToSign(inputs.amzDate, createScope(inputs.scope), canonicalRequest)
  return { canonicalRequest, stringToSign, signature: computeSignature(inputs.signingKey, stringToSign) }
}
