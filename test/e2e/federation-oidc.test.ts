/**
 * OpenID Connect federation end to end through the AWS SDK: the provider's lifecycle and
 * bad input, then a CI pipeline's ID token (issued by an issuer this test serves on
 * 127.0.0.1) assuming a training role with AssumeRoleWithWebIdentity, unsigned, as the
 * SDK sends it; and every way the token or the trust can be wrong.
 */
import {
  AddClientIDToOpenIDConnectProviderCommand,
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  DeleteOpenIDConnectProviderCommand,
  GetOpenIDConnectProviderCommand,
  ListOpenIDConnectProvidersCommand,
  ListOpenIDConnectProviderTagsCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
  RemoveClientIDFromOpenIDConnectProviderCommand,
  TagOpenIDConnectProviderCommand,
  UntagOpenIDConnectProviderCommand,
  UpdateOpenIDConnectProviderThumbprintCommand
} from '@aws-sdk/client-iam'
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startIssuer, type TestIssuer } from '../helpers/oidc-issuer.js'
import { createUserWithKeys, errorOf, startWarden, TEST_ACCOUNT_ID, type Credentials, type RunningWarden } from '../helpers/warden.js'

let w: RunningWarden
let issuer: TestIssuer
beforeAll(async () => {
  w = await startWarden()
  issuer = await startIssuer('/ci')
})
afterAll(async () => {
  await w.stop()
  await issuer.close()
})
beforeEach(async () => w.reset())

const ACCT = TEST_ACCOUNT_ID
const SUB = 'repo:acme/ml-train:ref:refs/heads/main'
const thumb = (c: string) => c.repeat(40)

/** An STS client with no credentials at all: signing anything would fail, so the call must go unsigned. */
function anonymousSts(): STSClient {
  return new STSClient({
    endpoint: w.endpoint,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: () => Promise.reject(new Error('this client has no credentials'))
  })
}

async function createProvider(clientIds = ['sts.amazonaws.com']) {
  const out = await w.iam().send(new CreateOpenIDConnectProviderCommand({ Url: issuer.url, ClientIDList: clientIds }))
  return out.OpenIDConnectProviderArn!
}

/** The CI training role: trusts the provider for the main branch of acme/ml-train, may list roles. */
async function trainingRole(providerArn: string, condition?: Record<string, unknown>) {
  const trust = {
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Principal: { Federated: providerArn },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: condition ?? { StringEquals: { [`${issuer.name}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${issuer.name}:sub`]: 'repo:acme/ml-train:ref:refs/heads/*' } }
    }]
  }
  await w.iam().send(new CreateRoleCommand({ RoleName: 'ci-training', Path: '/ml/', AssumeRolePolicyDocument: JSON.stringify(trust), MaxSessionDuration: 7200 }))
  await w.iam().send(new PutRolePolicyCommand({
    RoleName: 'ci-training',
    PolicyName: 'list-roles',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }] })
  }))
  return `arn:aws:iam::${ACCT}:role/ml/ci-training`
}

const assume = (token: string, roleArn = `arn:aws:iam::${ACCT}:role/ml/ci-training`, extra: Record<string, unknown> = {}) =>
  anonymousSts().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: 'ci-run-42', WebIdentityToken: token, ...extra }))

describe('OpenID Connect providers', () => {
  it('are created, read, listed, changed, tagged and deleted as IAM does', async () => {
    const iam = w.iam()
    const created = await iam.send(new CreateOpenIDConnectProviderCommand({
      Url: 'https://token.actions.githubusercontent.com',
      ClientIDList: ['sts.amazonaws.com'],
      ThumbprintList: [thumb('A')],
      Tags: [{ Key: 'team', Value: 'ml' }]
    }))
    const arn = `arn:aws:iam::${ACCT}:oidc-provider/token.actions.githubusercontent.com`
    expect(created.OpenIDConnectProviderArn).toBe(arn)
    expect(created.Tags).toEqual([{ Key: 'team', Value: 'ml' }])
    let got = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }))
    expect(got.Url).toBe('token.actions.githubusercontent.com')
    expect(got.ClientIDList).toEqual(['sts.amazonaws.com'])
    expect(got.ThumbprintList).toEqual([thumb('a')])
    expect(got.CreateDate).toBeInstanceOf(Date)
    expect(got.Tags).toEqual([{ Key: 'team', Value: 'ml' }])

    await iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'my-app' }))
    await iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'my-app' }))
    await iam.send(new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'sts.amazonaws.com' }))
    await iam.send(new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'never-there' }))
    await iam.send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: arn, ThumbprintList: [thumb('b'), thumb('c')] }))
    got = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }))
    expect(got.ClientIDList).toEqual(['my-app'])
    expect(got.ThumbprintList).toEqual([thumb('b'), thumb('c')])

    await iam.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, Tags: [{ Key: 'env', Value: 'ci' }] }))
    await iam.send(new UntagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, TagKeys: ['TEAM'] }))
    expect((await iam.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: arn }))).Tags).toEqual([{ Key: 'env', Value: 'ci' }])

    await iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://gitlab.example.com/tenant' }))
    const list = await iam.send(new ListOpenIDConnectProvidersCommand({}))
    expect(list.OpenIDConnectProviderList?.map((p) => p.Arn)).toEqual([`arn:aws:iam::${ACCT}:oidc-provider/gitlab.example.com/tenant`, arn])

    await iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }))
    // Deleting is idempotent, as the API reference says.
    await iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }))
    const gone = await errorOf(iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })))
    expect(gone).toMatchObject({ name: 'NoSuchEntityException', message: `OpenIDConnect Provider not found for arn ${arn}`, status: 404 })
  })

  it('refuses bad input with AWS errors and changes nothing', async () => {
    const iam = w.iam()
    await iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://idp.example.com', ClientIDList: ['a'] }))
    const cases: [Record<string, unknown>, string, string | RegExp][] = [
      [{ Url: 'http://idp2.example.com' }, 'InvalidInput', 'Invalid Open ID Connect Provider URL. The URL must begin with https://.'],
      [{ Url: 'idp2.example.com' }, 'ValidationError', 'Invalid Open ID Connect Provider URL'],
      [{ Url: 'https://idp2.example.com:8443' }, 'InvalidInput', 'Invalid Open ID Connect Provider URL.'],
      [{ Url: 'https://idp2.example.com?x=1' }, 'InvalidInput', 'Invalid Open ID Connect Provider URL.'],
      [{ Url: 'https://user@idp2.example.com' }, 'InvalidInput', 'Invalid Open ID Connect Provider URL.'],
      [{ Url: 'https://idp.example.com' }, 'EntityAlreadyExists', 'Provider with url https://idp.example.com already exists.'],
      [{ Url: 'https://idp2.example.com', ThumbprintList: ['1', '2', '3', '4', '5', '6'].map(thumb) }, 'InvalidInput', 'Thumbprint list must contain fewer than 5 entries.'],
      [{ Url: 'https://idp2.example.com', ThumbprintList: ['abc'] }, 'ValidationError', /thumbprintList/],
      [{ Url: 'https://idp2.example.com', ClientIDList: Array.from({ length: 101 }, (_, i) => `c${i}`) }, 'LimitExceeded', 'Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100']
    ]
    for (const [input, code, message] of cases) {
      const err = await errorOf(iam.send(new CreateOpenIDConnectProviderCommand(input as never)))
      expect(err.name.replace(/Exception$/, ''), JSON.stringify(input)).toBe(code)
      if (typeof message === 'string') expect(err.message).toBe(message)
      else expect(err.message).toMatch(message)
    }
    const list = await iam.send(new ListOpenIDConnectProvidersCommand({}))
    expect(list.OpenIDConnectProviderList?.map((p) => p.Arn)).toEqual([`arn:aws:iam::${ACCT}:oidc-provider/idp.example.com`])
    const missing = `arn:aws:iam::${ACCT}:oidc-provider/nope.example.com`
    for (const send of [
      () => iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: missing, ClientID: 'x' })),
      () => iam.send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: missing, ThumbprintList: [] })),
      () => iam.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: missing, Tags: [{ Key: 'k', Value: 'v' }] }))
    ]) {
      expect(await errorOf(send())).toMatchObject({ name: 'NoSuchEntityException', message: `OpenIDConnect Provider not found for arn ${missing}` })
    }
  })

  it('must exist before a trust policy may name it', async () => {
    const trust = (federated: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: federated }, Action: 'sts:AssumeRoleWithWebIdentity' }] })
    const missing = `arn:aws:iam::${ACCT}:oidc-provider/${issuer.name}`
    const err = await errorOf(w.iam().send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust(missing) })))
    expect(err).toMatchObject({ name: 'MalformedPolicyDocumentException', message: 'Federated principals must be valid domain names or SAML metadata ARNs' })
    expect(await errorOf(w.iam().send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust('not a domain') })))).toMatchObject({ name: 'MalformedPolicyDocumentException' })
    expect((await w.iam().send(new ListRolesCommand({}))).Roles).toEqual([])
    await createProvider()
    await w.iam().send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust(missing) }))
    await w.iam().send(new CreateRoleCommand({ RoleName: 'google', AssumeRolePolicyDocument: trust('accounts.google.com') }))
  })
})

describe('AssumeRoleWithWebIdentity', () => {
  it("lets a CI pipeline's OIDC token assume the training role, unsigned, and the session acts as the role", async () => {
    const providerArn = await createProvider()
    const roleArn = await trainingRole(providerArn)
    const token = issuer.token({ sub: SUB, aud: 'sts.amazonaws.com', repository: 'acme/ml-train', ref: 'refs/heads/main' })
    const out = await assume(token, roleArn, { DurationSeconds: 7200 })
    expect(out.SubjectFromWebIdentityToken).toBe(SUB)
    expect(out.Audience).toBe('sts.amazonaws.com')
    expect(out.Provider).toBe(providerArn)
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCT}:assumed-role/ci-training/ci-run-42`)
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z0-9]{17}:ci-run-42$/)
    const c = out.Credentials!
    expect(c.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/)
    expect(c.Expiration!.getTime() - Date.now()).toBeGreaterThan(7100_000)
    // The request reached Warden unsigned: the log names no principal.
    expect(w.logs.some((l) => l.includes('"action":"sts:AssumeRoleWithWebIdentity"') && l.includes('"principal":"anonymous"'))).toBe(true)
    // Tokens are credentials: never logged, whole or in part.
    expect(w.logs.join('\n')).not.toContain(token.split('.')[2])

    const session: Credentials = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }
    const me = await w.sts(session).send(new GetCallerIdentityCommand({}))
    expect(me.Arn).toBe(`arn:aws:sts::${ACCT}:assumed-role/ci-training/ci-run-42`)
    expect((await w.iam(session).send(new ListRolesCommand({}))).Roles?.map((r) => r.RoleName)).toEqual(['ci-training'])
    expect(await errorOf(w.iam(session).send(new ListOpenIDConnectProvidersCommand({})))).toMatchObject({ name: 'AccessDenied', status: 403 })
  })

  it('accepts ES256 tokens, and keys the issuer rotated in', async () => {
    const roleArn = await trainingRole(await createProvider())
    await assume(issuer.token({ sub: SUB, aud: 'sts.amazonaws.com' }, { alg: 'ES256' }), roleArn)
    issuer.rotate()
    await new Promise((r) => setTimeout(r, 1100))
    await assume(issuer.token({ sub: SUB, aud: 'sts.amazonaws.com' }), roleArn)
  })

  it('refuses a wrong audience, an unknown issuer, a forged signature and an expired token, with AWS codes and words', async () => {
    const roleArn = await trainingRole(await createProvider())
    const now = Math.floor(Date.now() / 1000)
    expect(await errorOf(assume(issuer.token({ sub: SUB, aud: 'my-other-app' }), roleArn))).toMatchObject({
      name: 'InvalidIdentityTokenException', message: 'Incorrect token audience', status: 400
    })
    expect(await errorOf(assume(issuer.token({ sub: SUB, aud: 'sts.amazonaws.com', iss: 'https://token.actions.githubusercontent.com' }), roleArn))).toMatchObject({
      name: 'InvalidIdentityTokenException', message: 'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com'
    })
    const forged = issuer.token({ sub: SUB, aud: 'sts.amazonaws.com' }, { key: { ...issuer.strangerKey(), kid: 'unknown-kid' } })
    expect(await errorOf(assume(forged, roleArn))).toMatchObject({ name: 'InvalidIdentityTokenException' })
    const [h, p] = issuer.token({ sub: SUB, aud: 'sts.amazonaws.com' }).split('.')
    const otherSig = issuer.token({ sub: 'repo:evil/x:ref:refs/heads/main', aud: 'sts.amazonaws.com' }).split('.')[2]
    expect(await errorOf(assume(`${h}.${p}.${otherSig}`, roleArn))).toMatchObject({ name: 'InvalidIdentityTokenException' })
    expect(await errorOf(assume(issuer.token({ sub: SUB, aud: 'sts.amazonaws.com', exp: now - 3600 }), roleArn))).toMatchObject({
      name: 'ExpiredTokenException', status: 400, message: expect.stringMatching(/^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/)
    })
    expect(await errorOf(assume('not-a-token', roleArn))).toMatchObject({ name: 'InvalidIdentityTokenException' })
  })

  it('lets the trust policy decide: another branch, a deleted provider, a removed client id, a missing role are refused', async () => {
    const providerArn = await createProvider()
    const roleArn = await trainingRole(providerArn)
    const denied = { name: 'AccessDenied', message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity', status: 403 }
    expect(await errorOf(assume(issuer.token({ sub: 'repo:acme/ml-train:pull_request', aud: 'sts.amazonaws.com' }), roleArn))).toMatchObject(denied)
    expect(await errorOf(assume(issuer.token({ sub: SUB, aud: 'sts.amazonaws.com' }), `arn:aws:iam::${ACCT}:role/ml/nope`))).toMatchObject(denied)
    expect(await errorOf(assume(issuer.token({ sub: SUB, aud: 'sts.amazonaws.com' }), `arn:aws:iam::${ACCT}:role/ci-training`))).toMatchObject(denied)
    await w.iam().send(new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: providerArn, ClientID: 'sts.amazonaws.com' }))
    expect(await errorOf(assume(issuer.token({ sub: SUB, aud: 'sts.amazonaws.com' }), roleArn))).toMatchObject({ name: 'InvalidIdentityTokenException', message: 'Incorrect token audience' })
    await w.iam().send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: providerArn }))
    expect(await errorOf(assume(issuer.token({ sub: SUB, aud: 'sts.amazonaws.com' }), roleArn))).toMatchObject({
      name: 'InvalidIdentityTokenException', message: `No OpenIDConnect provider found in your account for ${issuer.url}`
    })
  })

  it('carries session tags and source identity from the token when the trust allows them', async () => {
    const providerArn = await createProvider()
    const trust = {
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Principal: { Federated: providerArn },
        Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession', 'sts:SetSourceIdentity'],
        Condition: { StringEquals: { [`${issuer.name}:sub`]: SUB, 'aws:RequestTag/project': 'vision' } }
      }]
    }
    await w.iam().send(new CreateRoleCommand({ RoleName: 'tagged', AssumeRolePolicyDocument: JSON.stringify(trust) }))
    const claims = (project: string) => ({
      sub: SUB,
      aud: 'sts.amazonaws.com',
      'https://aws.amazon.com/tags': { principal_tags: { project: [project] }, transitive_tag_keys: ['project'] },
      'https://aws.amazon.com/source_identity': 'alice'
    })
    const out = await assume(issuer.token(claims('vision')), `arn:aws:iam::${ACCT}:role/tagged`)
    expect(out.SourceIdentity).toBe('alice')
    expect(out.PackedPolicySize).toBeGreaterThan(0)
    expect(await errorOf(assume(issuer.token(claims('speech')), `arn:aws:iam::${ACCT}:role/tagged`))).toMatchObject({ name: 'AccessDenied' })
  })

  it('answers an issuer it cannot reach with IDPCommunicationError', async () => {
    const gone = await startIssuer('/gone')
    await w.iam().send(new CreateOpenIDConnectProviderCommand({ Url: gone.url, ClientIDList: ['sts.amazonaws.com'] }))
    const roleArn = await trainingRole(`arn:aws:iam::${ACCT}:oidc-provider/${gone.name}`, {})
    const token = gone.token({ sub: SUB, aud: 'sts.amazonaws.com' })
    await gone.close()
    expect(await errorOf(assume(token, roleArn))).toMatchObject({ name: 'IDPCommunicationErrorException', status: 400 })
  })

  it('is the only kind of call served unsigned: others still need SigV4', async () => {
    const user = await createUserWithKeys(w, 'dev')
    const res = await fetch(w.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15'
    })
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('<Code>MissingAuthenticationToken</Code>')
    // A signed call works as ever (and whoever signs, the token decides).
    const roleArn = await trainingRole(await createProvider())
    const out = await w.sts(user.credentials).send(new AssumeRoleWithWebIdentityCommand({
      RoleArn: roleArn, RoleSessionName: 'signed', WebIdentityToken: issuer.token({ sub: SUB, aud: 'sts.amazonaws.com' })
    }))
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCT}:assumed-role/ci-training/signed`)
  })
})
