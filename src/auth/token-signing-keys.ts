/**
 * The token signing keys of outbound identity federation (STS GetWebIdentityToken): one
 * RSA 2048 key (RS256) and one EC P-384 key (ES384) per account, made by the first
 * EnableOutboundWebIdentityFederation and kept in the database as PKCS#8 DER sealed with the
 * master key, so every replica signs with the same keys and publishes the same JWKS. Key ids
 * are AWS's (`RSA_0`, `EC384_0`, as its issuers' JWKS name them).
 */
import { createPrivateKey, createPublicKey, generateKeyPair, sign, type JsonWebKey, type KeyObject } from 'node:crypto'
import { promisify } from 'node:util'
import type { KeyMaterial } from './key-material.js'
import { open, seal } from './seal.js'

/** The algorithms GetWebIdentityToken signs with. */
export const TOKEN_SIGNING_ALGORITHMS = ['RS256', 'ES384'] as const
export type TokenSigningAlgorithm = (typeof TOKEN_SIGNING_ALGORITHMS)[number]

const SPECS: Record<TokenSigningAlgorithm, { kid: string; hash: string; ecdsa: boolean }> = {
  RS256: { kid: 'RSA_0', hash: 'sha256', ecdsa: false },
  ES384: { kid: 'EC384_0', hash: 'sha384', ecdsa: true }
}

/** The keys as the database keeps them. */
export interface SealedSigningKeys {
  sealedRsaKey: Uint8Array
  sealedEcKey: Uint8Array
}

/** The opened private keys, one per algorithm. */
export type SigningKeys = Readonly<Record<TokenSigningAlgorithm, KeyObject>>

const PURPOSE = 'token-signing-key-at-rest'
const generate = promisify(generateKeyPair)

/** True for the algorithms GetWebIdentityToken accepts. */
export function isTokenSigningAlgorithm(alg: string): alg is TokenSigningAlgorithm {
  return (TOKEN_SIGNING_ALGORITHMS as readonly string[]).includes(alg)
}

/** A new key pair per algorithm, sealed for the database (off the event loop: RSA generation takes a while). */
export async function generateSigningKeys(keys: KeyMaterial): Promise<SealedSigningKeys> {
  const [rsa, ec] = await Promise.all([generate('rsa', { modulusLength: 2048 }), generate('ec', { namedCurve: 'P-384' })])
  const der = (k: KeyObject) => k.export({ format: 'der', type: 'pkcs8' })
  return { sealedRsaKey: seal(keys, PURPOSE, der(rsa.privateKey)), sealedEcKey: seal(keys, PURPOSE, der(ec.privateKey)) }
}

// Opened keys per sealed RSA blob: opening and parsing costs more than signing.
const opened = new Map<string, SigningKeys>()

/** The private keys, or undefined when the blobs cannot be opened with this master key. */
export function openSigningKeys(keys: KeyMaterial, sealed: SealedSigningKeys): SigningKeys | undefined {
  const cacheKey = `${keys.keyId}:${Buffer.from(sealed.sealedRsaKey).toString('base64')}:${Buffer.from(sealed.sealedEcKey).toString('base64')}`
  const hit = opened.get(cacheKey)
  if (hit) return hit
  const rsa = open(keys, PURPOSE, Buffer.from(sealed.sealedRsaKey))
  const ec = open(keys, PURPOSE, Buffer.from(sealed.sealedEcKey))
  if (!rsa || !ec) return undefined
  const result: SigningKeys = {
    RS256: createPrivateKey({ key: rsa, format: 'der', type: 'pkcs8' }),
    ES384: createPrivateKey({ key: ec, format: 'der', type: 'pkcs8' })
  }
  if (opened.size >= 16) opened.clear()
  opened.set(cacheKey, result)
  return result
}

/** The public keys as a JSON Web Key Set: public members only, with `kid`, `use` and `alg`. */
export function publicJwks(signing: SigningKeys): { keys: JsonWebKey[] } {
  return {
    keys: TOKEN_SIGNING_ALGORITHMS.map((alg) => {
      const { kty, n, e, crv, x, y } = createPublicKey(signing[alg]).export({ format: 'jwk' })
      const members = kty === 'RSA' ? { kty, n, e } : { kty, crv, x, y }
      return Object.assign({}, members, { kid: SPECS[alg].kid, use: 'sig', alg })
    })
  }
}

/** A compact JWS of `payload`, signed with the key for `alg` (ECDSA as r || s, RFC 7518 3.4). */
export function signJwt(signing: SigningKeys, alg: TokenSigningAlgorithm, payload: Record<string, unknown>): string {
  const spec = SPECS[alg]
  const part = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url')
  const input = `${part({ kid: spec.kid, typ: 'JWT', alg })}.${part(payload)}`
  const key = signing[alg]
  const signature = sign(spec.hash, Buffer.from(input, 'ascii'), spec.ecdsa ? { key, dsaEncoding: 'ieee-p1363' } : key)
  return `${input}.${signature.toString('base64url')}`
}
