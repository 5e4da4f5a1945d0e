import { createPublicKey, randomBytes, verify } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { keyMaterialFrom } from './key-material.js'
import { generateSigningKeys, isTokenSigningAlgorithm, openSigningKeys, publicJwks, signJwt } from './token-signing-keys.js'

const keys = keyMaterialFrom(randomBytes(32))

describe('token signing keys', () => {
  it('generates sealed RSA and P-384 keys that only this master key opens', async () => {
    const sealed = await generateSigningKeys(keys)
    const signing = openSigningKeys(keys, sealed)
    expect(signing?.RS256.asymmetricKeyType).toBe('rsa')
    expect(signing?.RS256.asymmetricKeyDetails?.modulusLength).toBe(2048)
    expect(signing?.ES384.asymmetricKeyDetails?.namedCurve).toBe('secp384r1')
    expect(openSigningKeys(keyMaterialFrom(randomBytes(32)), sealed)).toBeUndefined()
    const flipped = new Uint8Array(sealed.sealedEcKey)
    flipped[flipped.length - 1]! ^= 1
    expect(openSigningKeys(keys, { ...sealed, sealedEcKey: flipped })).toBeUndefined()
  })

  it('publishes public members only, with kid, use and alg', async () => {
    const jwks = publicJwks(openSigningKeys(keys, await generateSigningKeys(keys))!)
    expect(jwks.keys.map((k) => [k.kid, k.kty, k.alg, k.use])).toEqual([['RSA_0', 'RSA', 'RS256', 'sig'], ['EC384_0', 'EC', 'ES384', 'sig']])
    for (const k of jwks.keys) for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(k).not.toHaveProperty(secret)
    expect(jwks.keys[1]).toMatchObject({ crv: 'P-384' })
  })

  it.each(['RS256', 'ES384'] as const)('signs %s tokens that verify with the published key', async (alg) => {
    const signing = openSigningKeys(keys, await generateSigningKeys(keys))!
    const token = signJwt(signing, alg, { sub: 'arn:aws:iam::123456789012:user/alice', n: 1 })
    const [h, p, s] = token.split('.') as [string, string, string]
    const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>
    expect(header).toEqual({ kid: alg === 'RS256' ? 'RSA_0' : 'EC384_0', typ: 'JWT', alg })
    expect(JSON.parse(Buffer.from(p, 'base64url').toString('utf8'))).toEqual({ sub: 'arn:aws:iam::123456789012:user/alice', n: 1 })
    const jwk = publicJwks(signing).keys.find((k) => k.kid === header.kid)!
    const key = createPublicKey({ key: jwk, format: 'jwk' })
    const signature = Buffer.from(s, 'base64url')
    if (alg === 'ES384') expect(signature).toHaveLength(96)
    const ok = (input: string) => verify(alg === 'RS256' ? 'sha256' : 'sha384', Buffer.from(input), alg === 'ES384' ? { key, dsaEncoding: 'ieee-p1363' } : key, signature)
    expect(ok(`${h}.${p}`)).toBe(true)
    expect(ok(`${h}.${p}x`)).toBe(false)
  })

  it('accepts exactly the two algorithms GetWebIdentityToken documents', () => {
    expect(['RS256', 'ES384', 'ES256', 'RS384', 'HS256', 'none', 'rs256'].filter(isTokenSigningAlgorithm)).toEqual(['RS256', 'ES384'])
  })
})
