import { formatAmzDate } from './amz-date.js'
import { buildSignature } from './build-signature.js'
import {
  ALGORITHM,
  ALGORITHM_QUERY_PARAM,
  AMZ_DATE_HEADER,
  AUTHORIZATION_HEADER,
  CREDENTIAL_QUERY_PARAM,
  DATE_QUERY_PARAM,
  EXPIRES_QUERY_PARAM,
  HOST_HEADER,
  SECURITY_TOKEN_HEADER,
  SECURITY_TOKEN_QUERY_PARAM,
  SIGNATURE_QUERY_PARAM,
  SIGNED_HEADERS_QUERY_PARAM
} from './constants.js'
import { createScope } from './create-scope.js'
import { deriveSigningKey } from './get-signing-key.js'
import type { CredentialScope, HeaderValue, SignableRequest } from './types.js'
import { uriEncode } from './uri-encode.js'

export interface SigningCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

/** What to sign: the request as it will go on the wire; `query` and `body` may be left out. */
export interface RequestToSign {
  method: string
  path: string
  query?: string
  /** Header names in any case; `host` is required. */
  headers: Record<string, HeaderValue>
  body?: Buffer | string
}

export interface SigningOptions {
  region: string
  service: string
  date: Date
  /** Headers to leave unsigned (lower-case), e.g. `user-agent`; the rest are signed. */
  unsignedHeaders?: readonly string[]
}

/** A request with its signature added, ready to send or to hand to `verifyRequest`. */
export interface SignedRequest extends SignableRequest {
  headers: Record<string, HeaderValue>
}

function normalise(request: RequestToSign): SignedRequest {
  const headers: Record<string, HeaderValue> = {}
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value
  if (headers[HOST_HEADER] === undefined) throw new TypeError('signRequest needs a host header')
  const body = request.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body, 'utf8')
  return { method: request.method.toUpperCase(), path: request.path, query: request.query ?? '', headers, body }
}

function scopeOf(options: SigningOptions, amzDate: string): CredentialScope {
  return { date: amzDate.slice(0, 8), region: options.region, service: options.service }
}

/**
 * Signs a request with an Authorization header, as the AWS SDKs do: adds X-Amz-Date (and
 * X-Amz-Security-Token), signs every header but the unsigned ones. For tests and benchmarks.
 */
export function signRequest(request: RequestToSign, credentials: SigningCredentials, options: SigningOptions): SignedRequest {
  const signed = normalise(request)
  const amzDate = formatAmzDate(options.date)
  delete signed.headers[AUTHORIZATION_HEADER]
  signed.headers[AMZ_DATE_HEADER] = amzDate
  if (credentials.sessionToken !== undefined) signed.headers[SECURITY_TOKEN_HEADER] = credentials.sessionToken
  const unsigned = new Set(options.unsignedHeaders ?? [])
  const signedHeaders = Object.keys(signed.headers).filter((name) => !unsigned.has(name)).sort()
  const scope = scopeOf(options, amzDate)
  const { signature } = buildSignature({ request: signed, signedHeaders, amzDate, scope, signingKey: deriveSigningKey(credentials.secretAccessKey, scope), presigned: false })
  signed.headers[AUTHORIZATION_HEADER] = `${ALGORITHM} Credential=${credentials.accessKeyId}/${createScope(scope)}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`
  return signed
}

/** Presigns a request: adds the X-Amz-* query parameters, signing only `host`. For tests. */
export function presignRequest(request: RequestToSign, credentials: SigningCredentials, options: SigningOptions & { expiresSeconds: number }): SignedRequest {
  const signed = normalise(request)
  const amzDate = formatAmzDate(options.date)
  const scope = scopeOf(options, amzDate)
  const added: [string, string][] = [
    [ALGORITHM_QUERY_PARAM, ALGORITHM],
    [CREDENTIAL_QUERY_PARAM, `${credentials.accessKeyId}/${createScope(scope)}`],
    [DATE_QUERY_PARAM, amzDate],
    [EXPIRES_QUERY_PARAM, String(options.expiresSeconds)],
    [SIGNED_HEADERS_QUERY_PARAM, HOST_HEADER]
  ]
  if (credentials.sessionToken !== undefined) added.push([SECURITY_TOKEN_QUERY_PARAM, credentials.sessionToken])
  const extra = added.map(([k, v]) => `${k}=${uriEncode(v)}`).join('&')
  signed.query = signed.query === '' ? extra : `${signed.query}&${extra}`
  const { signature } = buildSignature({ request: signed, signedHeaders: [HOST_HEADER], amzDate, scope, signingKey: deriveSigningKey(credentials.secretAccessKey, scope), presigned: true })
  signed.query += `&${SIGNATURE_QUERY_PARAM}=${signature}`
  return signed
}
