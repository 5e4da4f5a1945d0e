/**
 * Outbound identity federation on two Warden replicas sharing one PostgreSQL database, one
 * master key and one public URL (the load balancer's): both report the same issuer, both
 * publish the same JWKS, and a token minted on one verifies with the keys served by the other.
 */
import { randomBytes, createPublicKey, verify, type JsonWebKey } from 'node:crypto'
import { EnableOutboundWebIdentityFederationCommand, GetOutboundWebIdentityFederationInfoCommand } from '@aws-sdk/client-iam'
import { GetWebIdentityTokenCommand } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { TestSchema } from '../../src/store/postgres/testing/test-database.js'
import { awsErrorOf, startWarden, type RunningWarden } from '../helpers/warden.js'

const schema = new TestSchema()
const masterKey = randomBytes(32).toString('base64')
const PUBLIC_URL = 'https://iam.warden.test'
let a: RunningWarden
let b: RunningWarden

beforeAll(async () => {
  const replica = () => startWarden({ db: 'postgres', postgres: { schema: schema.name }, masterKey, publicUrl: PUBLIC_URL })
  ;[a, b] = await Promise.all([replica(), replica()])
}, 60_000)
afterAll(async () => {
  await a?.stop()
  await b?.stop()
  await schema.drop()
})
beforeEach(async () => a.reset())

/** A GET of an issuer document on one replica's own address (the public URL is not reachable here). */
async function served(w: RunningWarden, issuer: string, suffix: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${w.endpoint}${new URL(issuer).pathname}${suffix}`)
  expect(res.status).toBe(200)
  return (await res.json()) as Record<string, unknown>
}

it('enables once across replicas; both name the same issuer and publish the same keys', async () => {
  const results = await Promise.allSettled([a, b].map((w) => w.iam().send(new EnableOutboundWebIdentityFederationCommand({}))))
  const won = results.filter((r) => r.status === 'fulfilled')
  expect(won).toHaveLength(1)
  const lost = results.find((r) => r.status === 'rejected')!
  expect(await awsErrorOf(Promise.reject((lost as PromiseRejectedResult).reason))).toMatchObject({ name: 'FeatureEnabled', status: 409 })
  const issuer = (won[0] as PromiseFulfilledResult<{ IssuerIdentifier?: string }>).value.IssuerIdentifier!
  expect(issuer).toMatch(/^https:\/\/iam\.warden\.test\/_warden\/oidc\/[0-9a-f-]{36}$/)
  for (const w of [a, b]) expect((await w.iam().send(new GetOutboundWebIdentityFederationInfoCommand({}))).IssuerIdentifier).toBe(issuer)

  const discovery = await served(b, issuer, '/.well-known/openid-configuration')
  expect(discovery).toMatchObject({ issuer, jwks_uri: `${issuer}/.well-known/jwks.json` })
  const jwksA = await served(a, issuer, '/.well-known/jwks.json')
  expect(await served(b, issuer, '/.well-known/jwks.json')).toEqual(jwksA)

  for (const [alg, hash] of [['RS256', 'sha256'], ['ES384', 'sha384']] as const) {
    const jwt = (await b.sts().send(new GetWebIdentityTokenCommand({ Audience: ['x'], SigningAlgorithm: alg }))).WebIdentityToken!
    const [h, p, s] = jwt.split('.') as [string, string, string]
    const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { kid: string }
    expect(JSON.parse(Buffer.from(p, 'base64url').toString('utf8'))).toMatchObject({ iss: issuer })
    const jwk = (jwksA.keys as JsonWebKey[]).find((k) => k.kid === header.kid)!
    const key = createPublicKey({ key: jwk, format: 'jwk' })
    expect(verify(hash, Buffer.from(`${h}.${p}`), alg === 'ES384' ? { key, dsaEncoding: 'ieee-p1363' } : key, Buffer.from(s, 'base64url'))).toBe(true)
  }
})
