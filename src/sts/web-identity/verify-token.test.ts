import { createHmac, generateKeyPairSync } from 'node:crypto'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { signJwt, startIssuer, type TestIssuer } from '../../../test/helpers/oidc-issuer.js'
import { expectAwsError } from '../../iam/roles/expect-aws-error.js'
import { openSqliteStore, type Store } from '../../store/index.js'
import { JwksCache } from './jwks.js'
import { decodeJwt, publicKeyFor } from './jwt.js'
import { verifyWebIdentityToken } from './verify-token.js'

let issuer: TestIssuer
let store: Store
let jwks: JwksCache
const NO_KEY = "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements"
const claims = { sub: 'repo:acme/train:ref:refs/heads/main', aud: 'sts.amazonaws.com' }

beforeAll(async () => {
  issuer = await startIssuer()
})
afterAll(async () => issuer.close())
beforeEach(async () => {
  store = await openSqliteStore({ filename: ':memory:' })
  await store.initAccount('123456789012')
  await store.createOidcProvider({ name: issuer.name, url: issuer.url, clientIds: ['sts.amazonaws.com'] })
  jwks = new JwksCache()
  issuer.failJwks(undefined)
})
afterEach(async () => store.close())

const verify = (token: string, now = new Date()) => verifyWebIdentityToken(token, store, jwks, now)

describe('web identity token verification', () => {
  it('accepts RS256 and ES256 tokens signed with the issuer keys, and names the provider, audience and subject', async () => {
    for (const alg of ['RS256', 'ES256'] as const) {
      const v = await verify(issuer.token(claims, { alg }))
      expect(v.provider.arn).toBe(`arn:aws:iam::123456789012:oidc-provider/${issuer.name}`)
      expect(v.audience).toBe('sts.amazonaws.com')
      expect(v.subject).toBe(claims.sub)
    }
  })

  it('accepts an aud list that contains a client id', async () => {
    expect((await verify(issuer.token({ ...claims, aud: ['other', 'sts.amazonaws.com'] }))).audience).toBe('sts.amazonaws.com')
  })

  it('fetches discovery and keys once, then answers from the cache', async () => {
    issuer.hits.clear()
    await verify(issuer.token(claims))
    await verify(issuer.token(claims, { alg: 'ES256' }))
    expect(issuer.hits.get('/oidc/.well-known/openid-configuration')).toBe(1)
    expect(issuer.hits.get('/oidc/jwks')).toBe(1)
  })

  it('refuses a wrong audience, an unknown issuer and missing claims', async () => {
    await expectAwsError(verify(issuer.token({ ...claims, aud: 'someone-else' })), 'InvalidIdentityToken', 'Incorrect token audience')
    await expectAwsError(verify(issuer.token({ ...claims, iss: 'https://idp.example.com' })), 'InvalidIdentityToken', 'No OpenIDConnect provider found in your account for https://idp.example.com')
    await expectAwsError(verify(issuer.token({ ...claims, iss: `${issuer.url}/other` })), 'InvalidIdentityToken', `No OpenIDConnect provider found in your account for ${issuer.url}/other`)
    await expectAwsError(verify(issuer.token({ aud: 'sts.amazonaws.com' })), 'InvalidIdentityToken', 'Missing a required claim: sub')
    await expectAwsError(verify(issuer.token({ ...claims, exp: undefined })), 'InvalidIdentityToken', 'Missing a required claim: exp')
  })

  it('refuses an expired token with AWS words, allowing a minute of skew; and tokens not yet valid', async () => {
    const now = new Date()
    const t = Math.floor(now.getTime() / 1000)
    await expect(verify(issuer.token({ ...claims, exp: t - 30 }), now)).resolves.toBeDefined()
    await expectAwsError(verify(issuer.token({ ...claims, exp: t - 61 }), now), 'ExpiredTokenException',
      `Token expired: current date/time ${t} must be before the expiration date/time ${t - 61}`)
    await expectAwsError(verify(issuer.token({ ...claims, nbf: t + 120 }), now), 'InvalidIdentityToken')
    await expectAwsError(verify(issuer.token({ ...claims, iat: t + 120 }), now), 'InvalidIdentityToken')
  })

  it('refuses forged signatures: a stranger key with a published kid, a tampered payload, alg none, HMAC with the public key', async () => {
    const published = decodeJwt(issuer.token(claims))!.header.kid as string
    const stranger = issuer.strangerKey()
    await expectAwsError(verify(signJwt({ ...stranger, kid: published }, { ...claims, iss: issuer.url, exp: Math.floor(Date.now() / 1000) + 60 })), 'InvalidIdentityToken',
      'The signature of the ID token could not be verified with the keys of its issuer.')
    const [h, , s] = issuer.token(claims).split('.')
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, sub: 'repo:evil/repo:ref:refs/heads/main', iss: issuer.url, exp: Math.floor(Date.now() / 1000) + 60 })).toString('base64url')
    await expectAwsError(verify(`${h}.${forgedPayload}.${s}`), 'InvalidIdentityToken')
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${forgedPayload}.`
    await expectAwsError(verify(none), 'InvalidIdentityToken')
    const hsHeader = Buffer.from(JSON.stringify({ alg: 'HS256', kid: published })).toString('base64url')
    const mac = createHmac('sha256', 'the-public-key-used-as-a-secret').update(`${hsHeader}.${forgedPayload}`).digest('base64url')
    await expectAwsError(verify(`${hsHeader}.${forgedPayload}.${mac}`), 'InvalidIdentityToken')
  })

  it('refuses tokens that are not JWTs', async () => {
    for (const junk of ['abcd', 'a.b.c', 'x'.repeat(50), `${Buffer.from('[]').toString('base64url')}.e30.c2ln`]) {
      await expectAwsError(verify(junk), 'InvalidIdentityToken')
    }
  })

  it('refetches the keys for an unknown kid (rotation), and says so when the key is still unknown', async () => {
    await verify(issuer.token(claims))
    issuer.rotate()
    await new Promise((r) => setTimeout(r, 1100))
    await expect(verify(issuer.token(claims))).resolves.toBeDefined()
    await expectAwsError(verify(issuer.token(claims, { key: issuer.strangerKey() })), 'InvalidIdentityToken', NO_KEY)
  })

  it('reports an issuer that answers badly as InvalidIdentityToken, and one it cannot reach as IDPCommunicationError', async () => {
    issuer.failJwks(500)
    await expectAwsError(verify(issuer.token(claims)), 'InvalidIdentityToken', NO_KEY)
    const gone = await startIssuer('/gone')
    await store.createOidcProvider({ name: gone.name, url: gone.url, clientIds: ['sts.amazonaws.com'] })
    const token = gone.token(claims)
    await gone.close()
    await expectAwsError(verify(token), 'IDPCommunicationError')
  })
})

describe('JWK import', () => {
  it('takes only the public members, and refuses a key that does not fit the algorithm', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const rsaJwk = rsa.privateKey.export({ format: 'jwk' })
    expect(publicKeyFor(rsaJwk, 'RS256')?.type).toBe('public')
    expect(publicKeyFor(rsaJwk, 'ES256')).toBeUndefined()
    expect(publicKeyFor({ ...ec.publicKey.export({ format: 'jwk' }) }, 'ES384')).toBeUndefined()
    expect(publicKeyFor({ ...rsa.publicKey.export({ format: 'jwk' }), use: 'enc' }, 'RS256')).toBeUndefined()
    expect(publicKeyFor({ ...rsa.publicKey.export({ format: 'jwk' }), alg: 'RS512' }, 'RS256')).toBeUndefined()
  })
})
