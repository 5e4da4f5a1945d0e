/**
 * JSON Web Tokens (RFC 7519) in compact JWS form: decoding, and verifying a signature with
 * a JSON Web Key through node:crypto. The algorithms are the asymmetric ones an OpenID
 * Connect provider signs ID tokens with: RS256/384/512 and ES256/384/512. `none` and the
 * HMAC algorithms are refused: a public key must never be usable as a shared secret.
 */
import { createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto'

export interface DecodedJwt {
  header: Record<string, unknown>
  payload: Record<string, unknown>
  /** `base64url(header).base64url(payload)`, the bytes the signature covers. */
  signingInput: string
  signature: Buffer
}

interface AlgorithmSpec {
  hash: string
  kty: 'RSA' | 'EC'
  /** EC only: the curve and the byte length of each of r and s. */
  crv?: string
  size?: number
}

export const ALGORITHMS: Readonly<Record<string, AlgorithmSpec>> = {
  RS256: { hash: 'sha256', kty: 'RSA' },
  RS384: { hash: 'sha384', kty: 'RSA' },
  RS512: { hash: 'sha512', kty: 'RSA' },
  ES256: { hash: 'sha256', kty: 'EC', crv: 'P-256', size: 32 },
  ES384: { hash: 'sha384', kty: 'EC', crv: 'P-384', size: 48 },
  ES512: { hash: 'sha512', kty: 'EC', crv: 'P-521', size: 66 }
}

const B64URL = /^[A-Za-z0-9_-]*$/

function jsonPart(part: string): Record<string, unknown> | undefined {
  if (!B64URL.test(part)) return undefined
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** Splits and decodes a compact JWS; undefined when it is not one. Nothing is verified here. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  const [h, p, s] = parts as [string, string, string]
  const header = jsonPart(h)
  const payload = jsonPart(p)
  if (!header || !payload || !B64URL.test(s) || s.length === 0) return undefined
  return { header, payload, signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') }
}

/** The key object for a JWK that may verify `alg`; undefined when the key does not fit the algorithm. */
export function publicKeyFor(jwk: JsonWebKey, alg: string): KeyObject | undefined {
  const spec = ALGORITHMS[alg]
  if (!spec || jwk.kty !== spec.kty) return undefined
  if (spec.crv !== undefined && jwk.crv !== spec.crv) return undefined
  if (typeof jwk.alg === 'string' && jwk.alg !== alg) return undefined
  if (typeof jwk.use === 'string' && jwk.use !== 'sig') return undefined
  try {
    // Only the public members: a JWKS that leaks private ones must not turn into a private key.
    const { kty, n, e, crv, x, y } = jwk
    return createPublicKey({ key: spec.kty === 'RSA' ? { kty, n, e } : { kty, crv, x, y }, format: 'jwk' })
  } catch {
    return undefined
  }
}

/** True when the token's signature verifies with `key` under `alg`. */
export function verifyJwtSignature(token: DecodedJwt, alg: string, key: KeyObject): boolean {
  const spec = ALGORITHMS[alg]
  if (!spec) return false
  // JWS carries ECDSA signatures as r || s, each of the curve's size (RFC 7518, 3.4).
  if (spec.size !== undefined && token.signature.length !== spec.size * 2) return false
  try {
    return verify(spec.hash, Buffer.from(token.signingInput, 'ascii'), spec.size !== undefined ? { key, dsaEncoding: 'ieee-p1363' } : key, token.signature)
  } catch {
    return false
  }
}
