/** Types shared by the SigV4 steps. */

/** A header value as received: one value, or every value of a repeated header in order. */
export type HeaderValue = string | readonly string[]

/** A plain description of an HTTP request, as the server sees it on the wire. */
export interface SignableRequest {
  method: string
  /** The raw (still percent-encoded) path, without the query string. */
  path: string
  /** The raw query string without the leading `?`; empty when there is none. */
  query: string
  /** Lower-cased header names; repeated headers as arrays (Node's `req.headersDistinct`). */
  headers: Readonly<Record<string, HeaderValue | undefined>>
  body: Buffer
}

/** The credential scope: `<date>/<region>/<service>/aws4_request`. */
export interface CredentialScope {
  /** YYYYMMDD */
  date: string
  region: string
  service: string
}

export interface VerifyOptions {
  /** How far the request date may be from `now`, in seconds; default 300. */
  clockSkewSeconds?: number
  /** Services a credential may be scoped to, e.g. `['iam', 'sts']`. */
  allowedServices: readonly string[]
  /** Regions a credential may be scoped to; any region name when omitted. */
  allowedRegions?: readonly string[]
}

export interface SecretLookupResult {
  secretAccessKey: string
}

export type LookupSecret = (accessKeyId: string) => Promise<SecretLookupResult | undefined> | SecretLookupResult | undefined

export interface VerifySuccess {
  ok: true
  accessKeyId: string
  region: string
  service: string
  /** The request time the signature was made for. */
  date: Date
  /** The headers the client signed, lower-cased, in the order it listed them. */
  signedHeaders: string[]
  /** The X-Amz-Security-Token value, unverified: the caller resolves session tokens. */
  securityToken?: string
  /** True when the request was authenticated by presigned query parameters. */
  presigned: boolean
}

export type SigV4ErrorCode =
  | 'MissingAuthenticationToken'
  | 'IncompleteSignature'
  | 'InvalidClientTokenId'
  | 'SignatureDoesNotMatch'
  | 'RequestExpired'
  | 'AuthorizationQueryParametersError'
  | 'XAmzContentSHA256Mismatch'

export interface VerifyFailure {
  ok: false
  code: SigV4ErrorCode
  message: string
  status: number
}

export type VerifyResult = VerifySuccess | VerifyFailure
