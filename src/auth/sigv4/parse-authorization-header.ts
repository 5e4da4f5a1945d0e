import { ALGORITHM, MSG_MISSING_AUTHENTICATION_TOKEN, MSG_REQUIRES_DATE, msgHeaderRequires, msgMissingEqualSign, msgUnsupportedAlgorithm } from './constants.js'
import { sigv4Failure } from './sigv4-failure.js'
import type { VerifyFailure } from './types.js'

/** The three parameters of an `Authorization: AWS4-HMAC-SHA256 ...` header. */
export interface AuthorizationHeaderParts {
  credential: string
  signedHeaders: string
  signature: string
}

function isSeparator(c: number): boolean {
  return c === 0x2c || c === 0x20 || c === 0x09
}

/**
 * Parses the Authorization header the way AWS does: parameters separated by commas and/or
 * spaces, each `key=value`, the last of a repeated key winning. `hasDate` says whether the
 * request carries X-Amz-Date or Date, which AWS reports together with missing parameters.
 */
export function parseAuthorizationHeader(header: string, hasDate: boolean): AuthorizationHeaderParts | VerifyFailure {
  const text = header.trim()
  let cursor = 0
  while (cursor < text.length && !isSeparator(text.charCodeAt(cursor))) cursor++
  const algorithm = text.slice(0, cursor)
  // Anything that is not SigV4 at all is, to AWS, no authentication.
  if (!algorithm.startsWith('AWS4-')) return sigv4Failure('MissingAuthenticationToken', MSG_MISSING_AUTHENTICATION_TOKEN)
  if (algorithm !== ALGORITHM) return sigv4Failure('IncompleteSignature', msgUnsupportedAlgorithm(algorithm))

  let credential = ''
  let signedHeaders = ''
  let signature = ''
  while (cursor < text.length) {
    while (cursor < text.length && isSeparator(text.charCodeAt(cursor))) cursor++
    const start = cursor
    while (cursor < text.length && !isSeparator(text.charCodeAt(cursor))) cursor++
    if (cursor === start) break
    const eq = text.indexOf('=', start)
    if (eq === -1 || eq >= cursor) return sigv4Failure('IncompleteSignature', msgMissingEqualSign(text.slice(start, cursor), text))
    // The key is compared in place and only the value is cut out: no substring per key.
    const keyLength = eq - start
    if (keyLength === 10 && text.startsWith('Credential', start)) credential = text.slice(eq + 1, cursor)
    else if (keyLength === 13 && text.startsWith('SignedHeaders', start)) signedHeaders = text.slice(eq + 1, cursor)
    else if (keyLength === 9 && text.startsWith('Signature', start)) signature = text.slice(eq + 1, cursor)
  }

  const missing: string[] = []
  if (credential === '') missing.push(msgHeaderRequires('Credential'))
  if (signature === '') missing.push(msgHeaderRequires('Signature'))
  if (signedHeaders === '') missing.push(msgHeaderRequires('SignedHeaders'))
  if (!hasDate) missing.push(MSG_REQUIRES_DATE)
  if (missing.length > 0) return sigv4Failure('IncompleteSignature', `${missing.join(' ')} Authorization=${text}`)
  return { credential, signedHeaders, signature }
}
