/**
 * Outbound identity federation end to end through the AWS SDK: the account switch (IAM
 * Enable/Disable/GetOutboundWebIdentityFederationInfo), the issuer's OIDC discovery document
 * and JWKS served by Warden itself, GetWebIdentityToken's tokens verified here with nothing
 * but node:crypto against the served keys (RS256 and ES384), their claims, the condition keys
 * that bound them, bad input, and finally a token minted by Warden accepted by Warden's own
 * AssumeRoleWithWebIdentity through an OpenID Connect provider registered for the issuer.
 */
import { execFile } from 'node:child_process'
import { createPublicKey, verify, type JsonWebKey } from 'node:crypto'
import { promisify } from 'node:util'
import {
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  DisableOutboundWebIdentityFederationCommand,
  EnableOutboundWebIdentityFederationCommand,
  GetOutboundWebIdentityFederationInfoCommand,
  PutRolePolicyCommand,
  TagUserCommand
} from '@aws-sdk/client-iam'
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetSessionTokenCommand,
  GetWebIdentityTokenCommand,
  STSClient,
  type GetWebIdentityTokenCommandInput
} from '@aws-sdk/client-sts'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startIssuer } from '../helpers/oidc-issuer.js'
import { awsErrorOf, createUserWithKeys, startWarden, TEST_ACCOUNT_ID, type Credentials, type RunningWarden } from '../helpers/warden.js'

let w: RunningWarden
beforeAll(async () => {
  w = await startWarden()
})
afterAll(async () => w.stop())
beforeEach(async () => w.reset())

const ACCT = TEST_ACCOUNT_ID
const NS = 'https://sts.amazonaws.com/'
const AUD = 'https://api.example.com'
const ALLOW_TOKENS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:GetWebIdentityToken', Resource: '*' }] }

const enable = async () => (await w.iam().send(new EnableOutboundWebIdentityFederationCommand({}))).IssuerIdentifier!
const token = (input: Partial<GetWebIdentityTokenCommandInput> = {}, creds?: Credentials) =>
  w.sts(creds).send(new GetWebIdentityTokenCommand({ Audience: [AUD], SigningAlgorithm: 'RS256', ...input }))

interface Jwt {
  header: Record<string, unknown>
  claims: Record<string, unknown>
}

async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url)
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

/**
 * Verifies a JWT as an external service would: OIDC discovery from its `iss`, the key named by
 * `kid` from the `jwks_uri`, the signature with node:crypto. Returns the decoded parts.
 */
async function verifyIndependently(jwt: string): Promise<Jwt> {
  const [h, p, s] = jwt.split('.') as [string, string, string]
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>
  const discovery = await getJson(`${claims.iss as string}/.well-known/openid-configuration`)
  expect(discovery.status).toBe(200)
  expect(discovery.body.issuer).toBe(claims.iss)
  const jwks = await getJson(discovery.body.jwks_uri as string)
  const jwk = (jwks.body.keys as JsonWebKey[]).find((k) => k.kid === header.kid)
  expect(jwk, `a key with kid ${String(header.kid)}`).toBeDefined()
  const key = createPublicKey({ key: jwk!, format: 'jwk' })
  const signature = Buffer.from(s, 'base64url')
  const ok = header.alg === 'ES384'
    ? verify('sha384', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, signature)
    : verify('sha256', Buffer.from(`${h}.${p}`), key, signature)
  expect(ok, 'signature verifies').toBe(true)
  // A token with one changed claim must not verify with the same signature.
  const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'arn:aws:iam::999999999999:root' })).toString('base64url')
  expect(verify(header.alg === 'ES384' ? 'sha384' : 'sha256', Buffer.from(`${h}.${forged}`), header.alg === 'ES384' ? { key, dsaEncoding: 'ieee-p1363' } : key, signature)).toBe(false)
  return { header, claims }
}

describe('the account switch', () => {
  it('enables once, reports the issuer, disables once, and keeps the issuer across a re-enable', async () => {
    const iam = w.iam()
    expect(await awsErrorOf(iam.send(new GetOutboundWebIdentityFederationInfoCommand({})))).toMatchObject({ name: 'FeatureDisabled', status: 404 })
    expect(await awsErrorOf(iam.send(new DisableOutboundWebIdentityFederationCommand({})))).toMatchObject({ name: 'FeatureDisabled', status: 404 })
    expect(await awsErrorOf(token())).toMatchObject({ name: 'OutboundWebIdentityFederationDisabledException', status: 403 })

    const issuer = await enable()
    expect(issuer).toMatch(new RegExp(`^${w.endpoint}/_warden/oidc/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`))
    expect(await iam.send(new GetOutboundWebIdentityFederationInfoCommand({}))).toMatchObject({ IssuerIdentifier: issuer, JwtVendingEnabled: true })
    const again = await awsErrorOf(iam.send(new EnableOutboundWebIdentityFederationCommand({})))
    expect(again).toMatchObject({ name: 'FeatureEnabled', status: 409 })
    expect(again.message).toMatch(/already enabled/)

    const before = await token()
    await iam.send(new DisableOutboundWebIdentityFederationCommand({}))
    expect(await awsErrorOf(iam.send(new GetOutboundWebIdentityFederationInfoCommand({})))).toMatchObject({ name: 'FeatureDisabled', status: 404 })
    expect(await awsErrorOf(token())).toMatchObject({ name: 'OutboundWebIdentityFederationDisabledException', status: 403 })
    // Tokens issued before the disable still verify: the keys stay published.
    expect((await verifyIndependently(before.WebIdentityToken!)).claims.iss).toBe(issuer)

    expect(await enable()).toBe(issuer)
    expect((await verifyIndependently((await token()).WebIdentityToken!)).claims.iss).toBe(issuer)
  })

  it('is authorized as iam:EnableOutboundWebIdentityFederation and friends', async () => {
    const nobody = await createUserWithKeys(w, 'nobody')
    const denied = await awsErrorOf(w.iam(nobody.credentials).send(new EnableOutboundWebIdentityFederationCommand({})))
    expect(denied).toMatchObject({ name: 'AccessDenied', status: 403 })
    expect(denied.message).toContain('iam:EnableOutboundWebIdentityFederation')
    expect(await awsErrorOf(w.iam().send(new GetOutboundWebIdentityFederationInfoCommand({})))).toMatchObject({ name: 'FeatureDisabled' })
    const admin = await createUserWithKeys(w, 'admin', {
      inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:*OutboundWebIdentityFederation*'], Resource: '*' }] }
    })
    const issuer = (await w.iam(admin.credentials).send(new EnableOutboundWebIdentityFederationCommand({}))).IssuerIdentifier
    expect((await w.iam(admin.credentials).send(new GetOutboundWebIdentityFederationInfoCommand({}))).IssuerIdentifier).toBe(issuer)
    expect(await awsErrorOf(w.iam(nobody.credentials).send(new DisableOutboundWebIdentityFederationCommand({})))).toMatchObject({ name: 'AccessDenied' })
    await w.iam(admin.credentials).send(new DisableOutboundWebIdentityFederationCommand({}))
  })
})

describe('the issuer Warden serves', () => {
  it('answers OIDC discovery and the JWKS without authentication, for its own issuer only', async () => {
    const unknown = `${w.endpoint}/_warden/oidc/00000000-0000-4000-8000-000000000000/.well-known/openid-configuration`
    expect((await fetch(unknown)).status).toBe(404)
    const issuer = await enable()
    const discovery = await getJson(`${issuer}/.well-known/openid-configuration`)
    expect(discovery.status).toBe(200)
    expect(discovery.body).toEqual({
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'jti', NS],
      id_token_signing_alg_values_supported: ['RS256', 'ES384'],
      subject_types_supported: ['public']
    })
    const jwks = await getJson(`${issuer}/.well-known/jwks.json`)
    const keys = jwks.body.keys as JsonWebKey[]
    expect(keys.map((k) => [k.kid, k.kty, k.alg, k.crv])).toEqual([['RSA_0', 'RSA', 'RS256', undefined], ['EC384_0', 'EC', 'ES384', 'P-384']])
    for (const k of keys) expect(Object.keys(k).filter((m) => ['d', 'p', 'q', 'dp', 'dq', 'qi'].includes(m))).toEqual([])
    expect((await fetch(unknown)).status).toBe(404)
    expect((await fetch(`${issuer}/.well-known/other`)).status).toBe(404)
    // The same keys on every read: they live in the database, not in this process.
    expect((await getJson(`${issuer}/.well-known/jwks.json`)).body).toEqual(jwks.body)
  })

  it('forgets the issuer on reset', async () => {
    const issuer = await enable()
    await w.reset()
    expect((await fetch(`${issuer}/.well-known/jwks.json`)).status).toBe(404)
    expect(await enable()).not.toBe(issuer)
  })
})

describe('GetWebIdentityToken', () => {
  it.each(['RS256', 'ES384'] as const)('mints %s tokens for an IAM user with the documented claims', async (alg) => {
    const issuer = await enable()
    const user = await createUserWithKeys(w, 'trainer', { path: '/ml/', inlinePolicy: ALLOW_TOKENS })
    await w.iam().send(new TagUserCommand({ UserName: 'trainer', Tags: [{ Key: 'team', Value: 'vision' }] }))
    const started = Math.floor(Date.now() / 1000)
    const out = await token({ SigningAlgorithm: alg, DurationSeconds: 900, Tags: [{ Key: 'job-id', Value: 'job-42' }, { Key: 'priority', Value: 'high' }] }, user.credentials)
    const { header, claims } = await verifyIndependently(out.WebIdentityToken!)
    expect(header).toEqual({ alg, kid: alg === 'RS256' ? 'RSA_0' : 'EC384_0', typ: 'JWT' })
    expect(claims).toMatchObject({ iss: issuer, sub: `arn:aws:iam::${ACCT}:user/ml/trainer`, aud: AUD })
    const iat = claims.iat as number
    expect(Math.abs(iat - started)).toBeLessThanOrEqual(5)
    expect(claims.exp).toBe(iat + 900)
    expect(out.Expiration!.getTime()).toBe((claims.exp as number) * 1000)
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/)
    expect(claims[NS]).toEqual({
      aws_account: ACCT,
      source_region: 'us-east-1',
      principal_tags: { team: 'vision' },
      request_tags: { 'job-id': 'job-42', priority: 'high' }
    })
  })

  it('defaults to five minutes, lists several audiences, and names a fresh jti each time', async () => {
    await enable()
    const one = await verifyIndependently((await token({ Audience: ['a', 'https://b.example.com'] })).WebIdentityToken!)
    expect(one.claims.sub).toBe(`arn:aws:iam::${ACCT}:root`)
    expect(one.claims.aud).toEqual(['a', 'https://b.example.com'])
    expect(one.claims.exp).toBe((one.claims.iat as number) + 300)
    expect(one.claims[NS]).toEqual({ aws_account: ACCT, source_region: 'us-east-1' })
    const two = await verifyIndependently((await token({ SigningAlgorithm: 'ES384' })).WebIdentityToken!)
    expect(two.claims.jti).not.toBe(one.claims.jti)
  })

  it('names a role session by its role, with session tags, source identity and the session expiry; never outlives the session', async () => {
    await enable()
    const caller = await createUserWithKeys(w, 'alice', {
      inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'], Resource: '*' }] }
    })
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: caller.arn }, Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'] }] }
    await w.iam().send(new CreateRoleCommand({ RoleName: 'exporter', Path: '/jobs/', AssumeRolePolicyDocument: JSON.stringify(trust), Tags: [{ Key: 'owner', Value: 'data' }] }))
    await w.iam().send(new PutRolePolicyCommand({ RoleName: 'exporter', PolicyName: 'tokens', PolicyDocument: JSON.stringify(ALLOW_TOKENS) }))
    const assume = (extra: Record<string, unknown>) => w.sts(caller.credentials).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCT}:role/jobs/exporter`, RoleSessionName: 'nightly', DurationSeconds: 900, ...extra }))

    const plain = (await assume({})).Credentials!
    const plainCreds = { accessKeyId: plain.AccessKeyId!, secretAccessKey: plain.SecretAccessKey!, sessionToken: plain.SessionToken! }
    const { claims } = await verifyIndependently((await token({}, plainCreds)).WebIdentityToken!)
    expect(claims.sub).toBe(`arn:aws:iam::${ACCT}:role/jobs/exporter`)
    expect(claims[NS]).toMatchObject({ principal_tags: { owner: 'data' }, original_session_exp: plain.Expiration!.toISOString().replace(/\.\d{3}Z$/, 'Z') })

    const tagged = (await assume({ Tags: [{ Key: 'run', Value: '7' }], SourceIdentity: 'alice' })).Credentials!
    const taggedCreds = { accessKeyId: tagged.AccessKeyId!, secretAccessKey: tagged.SecretAccessKey!, sessionToken: tagged.SessionToken! }
    const t = await verifyIndependently((await token({ DurationSeconds: 600 }, taggedCreds)).WebIdentityToken!)
    expect(t.claims[NS]).toMatchObject({ principal_tags: { run: '7' }, source_identity: 'alice' })

    const escalation = await awsErrorOf(token({ DurationSeconds: 3600 }, taggedCreds))
    expect(escalation).toMatchObject({ name: 'SessionDurationEscalationException', status: 403 })
  })

  it('is refused to GetSessionToken sessions, as every STS call but AssumeRole and GetCallerIdentity', async () => {
    await enable()
    const user = await createUserWithKeys(w, 'bob', { inlinePolicy: ALLOW_TOKENS })
    const c = (await w.sts(user.credentials).send(new GetSessionTokenCommand({}))).Credentials!
    const denied = await awsErrorOf(token({}, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }))
    expect(denied).toMatchObject({ name: 'AccessDenied', message: 'Cannot call GetWebIdentityToken with session credentials' })
  })

  it('is authorized as sts:GetWebIdentityToken with the audience, duration, algorithm and request tag condition keys', async () => {
    await enable()
    const none = await createUserWithKeys(w, 'none')
    const denied = await awsErrorOf(token({}, none.credentials))
    expect(denied).toMatchObject({ name: 'AccessDenied', status: 403 })
    expect(denied.message).toBe(`User: ${none.arn} is not authorized to perform: sts:GetWebIdentityToken because no identity-based policy allows the sts:GetWebIdentityToken action`)

    const bounded = await createUserWithKeys(w, 'bounded', {
      inlinePolicy: {
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Action: 'sts:GetWebIdentityToken',
          Resource: '*',
          Condition: {
            'ForAllValues:StringEquals': { 'sts:IdentityTokenAudience': [AUD, 'https://other.example.com'] },
            NumericLessThanEquals: { 'sts:DurationSeconds': 300 },
            StringEquals: { 'sts:SigningAlgorithm': 'ES384' },
            StringNotEqualsIfExists: { 'aws:RequestTag/env': 'prod' }
          }
        }]
      }
    })
    const as = bounded.credentials
    await verifyIndependently((await token({ SigningAlgorithm: 'ES384' }, as)).WebIdentityToken!)
    await verifyIndependently((await token({ SigningAlgorithm: 'ES384', Audience: [AUD, 'https://other.example.com'], DurationSeconds: 120 }, as)).WebIdentityToken!)
    for (const bad of [
      { SigningAlgorithm: 'RS256' },
      { SigningAlgorithm: 'ES384', DurationSeconds: 301 },
      { SigningAlgorithm: 'ES384', Audience: [AUD, 'https://evil.example.com'] },
      { SigningAlgorithm: 'ES384', Tags: [{ Key: 'env', Value: 'prod' }] }
    ]) {
      expect(await awsErrorOf(token(bad, as)), JSON.stringify(bad)).toMatchObject({ name: 'AccessDenied' })
    }
  })

  it('refuses bad input with AWS-style errors', async () => {
    await enable()
    const cases: [Partial<GetWebIdentityTokenCommandInput>, string, RegExp][] = [
      [{ SigningAlgorithm: 'HS256' }, 'ValidationError', /Value 'HS256' at 'signingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: \[RS256, ES384\]/],
      [{ SigningAlgorithm: 'es384' }, 'ValidationError', /enum value set/],
      [{ SigningAlgorithm: 'RS2560' }, 'ValidationError', /signingAlgorithm/],
      [{ DurationSeconds: 59 }, 'ValidationError', /durationSeconds/],
      [{ DurationSeconds: 3601 }, 'ValidationError', /durationSeconds/],
      [{ Audience: Array.from({ length: 11 }, (_, i) => `aud-${i}`) }, 'ValidationError', /audience/],
      [{ Audience: ['x'.repeat(1001)] }, 'ValidationError', /audience/],
      [{ Audience: [] }, 'ValidationError', /[Aa]udience/],
      [{ Tags: [{ Key: 'Env', Value: 'a' }, { Key: 'env', Value: 'b' }] }, 'InvalidParameterValue', /Duplicate tag keys found/],
      [{ Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) }, 'ValidationError', /tags/]
    ]
    for (const [input, code, message] of cases) {
      const err = await awsErrorOf(token(input))
      expect(err, JSON.stringify(input).slice(0, 80)).toMatchObject({ name: code, status: 400 })
      expect(err.message).toMatch(message)
    }
  })

  // (An https:// audience would make the v1 CLI fetch it as a parameter file.)
  it('works with the aws CLI', async () => {
    const issuer = await enable()
    const env = { ...process.env, AWS_ACCESS_KEY_ID: w.root.accessKeyId, AWS_SECRET_ACCESS_KEY: w.root.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' }
    const { stdout } = await promisify(execFile)('aws', ['--endpoint-url', w.endpoint, 'sts', 'get-web-identity-token', '--audience', 'cli-audience', '--signing-algorithm', 'ES384', '--output', 'json'], { env })
    const out = JSON.parse(stdout) as { WebIdentityToken: string }
    expect((await verifyIndependently(out.WebIdentityToken)).claims).toMatchObject({ iss: issuer, aud: 'cli-audience' })
  })
})

describe('AssumeRoleWithWebIdentity and outbound tokens', () => {
  const anonymous = () => new STSClient({ endpoint: w.endpoint, region: 'us-east-1', maxAttempts: 1, credentials: () => Promise.reject(new Error('no credentials')) })
  const trustFor = (providerArn: string, conditions: Record<string, string>) => JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Federated: providerArn }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: conditions } }]
  })

  it.each(['RS256', 'ES384'] as const)('refuses a %s token from GetWebIdentityToken, as AWS does, even through a provider registered for its issuer', async (alg) => {
    const issuer = await enable()
    const { OpenIDConnectProviderArn: providerArn } = await w.iam().send(new CreateOpenIDConnectProviderCommand({ Url: issuer, ClientIDList: ['warden-jobs'] }))
    const name = issuer.replace(/^http:\/\//, '')
    expect(providerArn).toBe(`arn:aws:iam::${ACCT}:oidc-provider/${name}`)
    const user = await createUserWithKeys(w, 'pipeline', { inlinePolicy: ALLOW_TOKENS })
    await w.iam().send(new CreateRoleCommand({ RoleName: 'federated-jobs', AssumeRolePolicyDocument: trustFor(providerArn!, { [`${name}:aud`]: 'warden-jobs' }) }))
    const jwt = (await token({ Audience: ['warden-jobs'], SigningAlgorithm: alg }, user.credentials)).WebIdentityToken!
    expect(await awsErrorOf(anonymous().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: `arn:aws:iam::${ACCT}:role/federated-jobs`, RoleSessionName: 'run-1', WebIdentityToken: jwt }))))
      .toEqual({ name: 'InvalidIdentityToken', status: 400, message: 'Tokens issued by GetWebIdentityToken cannot be used with AssumeRoleWithWebIdentity.' })
  })

  it('a session that came in through an external issuer names its provider in the tokens it mints', async () => {
    const external = await startIssuer('/outbound')
    try {
      await enable()
      const { OpenIDConnectProviderArn: providerArn } = await w.iam().send(new CreateOpenIDConnectProviderCommand({ Url: external.url, ClientIDList: ['sts.amazonaws.com'] }))
      const name = external.url.replace(/^https?:\/\//, '')
      await w.iam().send(new CreateRoleCommand({ RoleName: 'federated-jobs', AssumeRolePolicyDocument: trustFor(providerArn!, { [`${name}:sub`]: 'repo:acme/train' }) }))
      await w.iam().send(new PutRolePolicyCommand({ RoleName: 'federated-jobs', PolicyName: 'tokens', PolicyDocument: JSON.stringify(ALLOW_TOKENS) }))
      const assumed = await anonymous().send(new AssumeRoleWithWebIdentityCommand({
        RoleArn: `arn:aws:iam::${ACCT}:role/federated-jobs`, RoleSessionName: 'run-1', WebIdentityToken: external.token({ sub: 'repo:acme/train', aud: 'sts.amazonaws.com' })
      }))
      const c = assumed.Credentials!
      const minted = await verifyIndependently((await token({}, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! })).WebIdentityToken!)
      expect(minted.claims.sub).toBe(`arn:aws:iam::${ACCT}:role/federated-jobs`)
      expect(minted.claims[NS]).toMatchObject({ federated_provider: providerArn })
    } finally {
      await external.close()
    }
  })
})
