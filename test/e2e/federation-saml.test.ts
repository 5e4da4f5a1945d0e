/**
 * SAML federation end to end through the AWS SDK: the SAML provider's lifecycle (metadata,
 * private keys, encryption mode, tags) and bad input, then AssumeRoleWithSAML, unsigned, with
 * responses a test IdP signs (xml-crypto, RSA-SHA256, exclusive c14n), and every way the
 * response or the trust can be wrong.
 */
import { createHash, generateKeyPairSync } from 'node:crypto'
import {
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  DeleteSAMLProviderCommand,
  GetAccountSummaryCommand,
  GetSAMLProviderCommand,
  ListSAMLProvidersCommand,
  ListSAMLProviderTagsCommand,
  TagSAMLProviderCommand,
  UntagSAMLProviderCommand,
  UpdateSAMLProviderCommand
} from '@aws-sdk/client-iam'
import { AssumeRoleWithSAMLCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ENTITY_ID, idpMetadata, samlResponse, STRANGER_CERT, STRANGER_KEY, type ResponseOptions } from '../helpers/saml-idp.js'
import { errorOf, startWarden, TEST_ACCOUNT_ID, type RunningWarden } from '../helpers/warden.js'

let w: RunningWarden
beforeAll(async () => {
  w = await startWarden()
})
afterAll(async () => w.stop())
beforeEach(async () => w.reset())

const ACCT = TEST_ACCOUNT_ID
const PROVIDER_ARN = `arn:aws:iam::${ACCT}:saml-provider/Okta`
const ROLE_ARN = `arn:aws:iam::${ACCT}:role/saml-dev`
const pem = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string

const anonymousSts = () => new STSClient({ endpoint: w.endpoint, region: 'us-east-1', maxAttempts: 1, credentials: () => Promise.reject(new Error('no credentials')) })

async function providerAndRole(condition: Record<string, unknown> = { StringEquals: { 'saml:aud': 'https://signin.aws.amazon.com/saml' } }) {
  await w.iam().send(new CreateSAMLProviderCommand({ Name: 'Okta', SAMLMetadataDocument: idpMetadata() }))
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: PROVIDER_ARN }, Action: 'sts:AssumeRoleWithSAML', Condition: condition }] }
  await w.iam().send(new CreateRoleCommand({ RoleName: 'saml-dev', AssumeRolePolicyDocument: JSON.stringify(trust) }))
}

const assume = (options: Partial<ResponseOptions> = {}, principalArn = PROVIDER_ARN, roleArn = ROLE_ARN) =>
  anonymousSts().send(new AssumeRoleWithSAMLCommand({ RoleArn: roleArn, PrincipalArn: principalArn, SAMLAssertion: samlResponse({ roleArn: ROLE_ARN, providerArn: PROVIDER_ARN, ...options }) }))

describe('SAML providers', () => {
  it('are created, read, listed, updated (metadata, private keys, encryption), tagged and deleted', async () => {
    const iam = w.iam()
    const created = await iam.send(new CreateSAMLProviderCommand({ Name: 'Okta', SAMLMetadataDocument: idpMetadata(), Tags: [{ Key: 'team', Value: 'ml' }] }))
    expect(created).toMatchObject({ SAMLProviderArn: PROVIDER_ARN, Tags: [{ Key: 'team', Value: 'ml' }] })
    const got = await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: PROVIDER_ARN }))
    expect(got.SAMLProviderUUID).toMatch(/^SAML[A-Z0-9]{18}$/)
    expect(got.SAMLMetadataDocument).toBe(idpMetadata())
    expect(got.ValidUntil!.getUTCFullYear()).toBe(got.CreateDate!.getUTCFullYear() + 100)
    expect(got.AssertionEncryptionMode).toBeUndefined()
    expect(got.PrivateKeyList).toBeUndefined()

    await iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: PROVIDER_ARN, AddPrivateKey: pem(), AssertionEncryptionMode: 'Required' }))
    await iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: PROVIDER_ARN, AddPrivateKey: pem() }))
    const full = await errorOf(iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: PROVIDER_ARN, AddPrivateKey: pem() })))
    expect(full).toMatchObject({ name: 'LimitExceededException', message: 'Private key limit of 2 is reached.' })
    const withKeys = await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: PROVIDER_ARN }))
    expect(withKeys.AssertionEncryptionMode).toBe('Required')
    expect(withKeys.PrivateKeyList).toHaveLength(2)
    const [k1, k2] = withKeys.PrivateKeyList!.map((k) => k.KeyId!)
    expect(k1).toMatch(/^[A-Z0-9]{22,64}$/)
    expect(JSON.stringify(withKeys)).not.toContain('PRIVATE KEY')
    expect(w.logs.join('\n')).not.toContain('PRIVATE KEY')
    await iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: PROVIDER_ARN, RemovePrivateKey: k1 }))
    expect(await errorOf(iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: PROVIDER_ARN, RemovePrivateKey: k2 })))).toMatchObject({ name: 'InvalidInputException' })
    await iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: PROVIDER_ARN, AssertionEncryptionMode: 'Allowed' }))
    await iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: PROVIDER_ARN, RemovePrivateKey: k2 }))

    const until = '2031-01-01T00:00:00Z'
    await iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: PROVIDER_ARN, SAMLMetadataDocument: idpMetadata({ validUntil: until }) }))
    const updated = await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: PROVIDER_ARN }))
    expect(updated.ValidUntil?.toISOString()).toBe('2031-01-01T00:00:00.000Z')
    expect(updated.PrivateKeyList).toBeUndefined()

    await iam.send(new TagSAMLProviderCommand({ SAMLProviderArn: PROVIDER_ARN, Tags: [{ Key: 'env', Value: 'prod' }] }))
    await iam.send(new UntagSAMLProviderCommand({ SAMLProviderArn: PROVIDER_ARN, TagKeys: ['TEAM'] }))
    expect((await iam.send(new ListSAMLProviderTagsCommand({ SAMLProviderArn: PROVIDER_ARN }))).Tags).toEqual([{ Key: 'env', Value: 'prod' }])

    await iam.send(new CreateSAMLProviderCommand({ Name: 'Azure', SAMLMetadataDocument: idpMetadata() }))
    const list = await iam.send(new ListSAMLProvidersCommand({}))
    expect(list.SAMLProviderList?.map((p) => p.Arn)).toEqual([`arn:aws:iam::${ACCT}:saml-provider/Azure`, PROVIDER_ARN])
    expect(list.SAMLProviderList?.[1]?.ValidUntil?.toISOString()).toBe('2031-01-01T00:00:00.000Z')
    // The account summary counts identity providers.
    expect((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap?.Providers).toBe(2)

    await iam.send(new DeleteSAMLProviderCommand({ SAMLProviderArn: PROVIDER_ARN }))
    for (const send of [
      () => iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: PROVIDER_ARN })),
      () => iam.send(new DeleteSAMLProviderCommand({ SAMLProviderArn: PROVIDER_ARN }))
    ]) {
      expect(await errorOf(send())).toMatchObject({ name: 'NoSuchEntityException', message: `Manifest not found for arn ${PROVIDER_ARN}`, status: 404 })
    }
  })

  it('refuses bad input with AWS errors and changes nothing', async () => {
    const iam = w.iam()
    await iam.send(new CreateSAMLProviderCommand({ Name: 'Okta', SAMLMetadataDocument: idpMetadata() }))
    const cases: [Record<string, unknown>, string, string][] = [
      [{ Name: 'Other', SAMLMetadataDocument: `<a>${'x'.repeat(1000)}</a>` }, 'InvalidInput', 'Could not parse metadata'],
      [{ Name: 'Other', SAMLMetadataDocument: idpMetadata().replace(/<ds:X509Certificate>[^<]+/, `<ds:X509Certificate>${'QUFB'.repeat(300)}`) }, 'InvalidInput', 'Could not parse metadata'],
      [{ Name: 'Other', SAMLMetadataDocument: idpMetadata().replace('IDPSSODescriptor', 'SPSSODescriptor').replace('IDPSSODescriptor', 'SPSSODescriptor') }, 'InvalidInput', 'Could not parse metadata'],
      [{ Name: 'Other', SAMLMetadataDocument: '<short/>' }, 'ValidationError', "1 validation error detected: Value '<short/>' at 'sAMLMetadataDocument' failed to satisfy constraint: Member must have length greater than or equal to 1000"],
      [{ Name: 'okta', SAMLMetadataDocument: idpMetadata() }, 'EntityAlreadyExists', 'SAMLProvider with name okta already exists.'],
      [{ Name: 'Other', SAMLMetadataDocument: idpMetadata(), AssertionEncryptionMode: 'Required' }, 'InvalidInput', 'Cannot set AssertionEncryptionMode to Required because no private key is provided.'],
      [{ Name: 'Other', SAMLMetadataDocument: idpMetadata(), AddPrivateKey: 'not a key' }, 'InvalidInput', 'Invalid private key: Key format is not recognized.']
    ]
    for (const [input, code, message] of cases) {
      const err = await errorOf(iam.send(new CreateSAMLProviderCommand(input as never)))
      expect(err.name.replace(/Exception$/, ''), JSON.stringify(input).slice(0, 60)).toBe(code)
      expect(err.message).toBe(message)
      expect(err.message).not.toContain('xxxx')
    }
    expect(await errorOf(iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: PROVIDER_ARN })))).toMatchObject({ name: 'InvalidInputException' })
    expect(await errorOf(iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: PROVIDER_ARN, AddPrivateKey: pem(), RemovePrivateKey: 'A'.repeat(26) })))).toMatchObject({
      name: 'InvalidInputException', message: 'Unable to add and remove private keys in the same request.'
    })
    expect(await errorOf(iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: PROVIDER_ARN, SAMLMetadataDocument: `<a>${'x'.repeat(1000)}</a>` })))).toMatchObject({ name: 'InvalidInputException' })
    const list = await iam.send(new ListSAMLProvidersCommand({}))
    expect(list.SAMLProviderList?.map((p) => p.Arn)).toEqual([PROVIDER_ARN])
    expect((await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: PROVIDER_ARN }))).SAMLMetadataDocument).toBe(idpMetadata())
  })
})

describe('AssumeRoleWithSAML', () => {
  it('exchanges a signed SAML response for the role session the Role attribute names, unsigned', async () => {
    await providerAndRole()
    const out = await assume({ subject: 'alice-7', sessionName: 'alice@example.com' })
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCT}:assumed-role/saml-dev/alice@example.com`)
    expect(out).toMatchObject({
      Subject: 'alice-7',
      SubjectType: 'persistent',
      Issuer: ENTITY_ID,
      Audience: 'https://signin.aws.amazon.com/saml',
      NameQualifier: createHash('sha1').update(`${ENTITY_ID}${ACCT}/Okta`).digest('base64')
    })
    const c = out.Credentials!
    expect(c.AccessKeyId).toMatch(/^ASIA/)
    const me = await w.sts({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }).send(new GetCallerIdentityCommand({}))
    expect(me.Arn).toBe(`arn:aws:sts::${ACCT}:assumed-role/saml-dev/alice@example.com`)
    expect(w.logs.some((l) => l.includes('"action":"sts:AssumeRoleWithSAML"') && l.includes('"principal":"anonymous"'))).toBe(true)
    expect(w.logs.join('\n')).not.toMatch(/SignatureValue|PHNhbWxw/)
  })

  it('lets the trust policy decide on saml:* keys, and the Role attribute choose role and provider', async () => {
    await providerAndRole({ StringEquals: { 'saml:sub': 'alice', 'saml:iss': ENTITY_ID, 'saml:doc': `${ACCT}/Okta` } })
    await assume({ subject: 'alice' })
    const denied = { name: 'AccessDenied', message: 'Not authorized to perform sts:AssumeRoleWithSAML', status: 403 }
    expect(await errorOf(assume({ subject: 'bob' }))).toMatchObject(denied)
    // The response offers another role only.
    expect(await errorOf(assume({ roleArn: `arn:aws:iam::${ACCT}:role/other` }))).toMatchObject(denied)
    expect(await errorOf(assume({}, PROVIDER_ARN, `arn:aws:iam::${ACCT}:role/missing`))).toMatchObject(denied)
  })

  it('refuses forged, expired and malformed responses, and unknown providers, with AWS words', async () => {
    await providerAndRole()
    expect(await errorOf(assume({ key: STRANGER_KEY, cert: STRANGER_CERT }))).toMatchObject({ name: 'InvalidIdentityTokenException', message: 'Response signature invalid', status: 400 })
    expect(await errorOf(assume({ tamper: (x) => x.replace('alice@example.com', 'admin') }))).toMatchObject({ name: 'InvalidIdentityTokenException', message: 'Response signature invalid' })
    expect(await errorOf(assume({ notBefore: new Date(Date.now() - 7200_000), notOnOrAfter: new Date(Date.now() - 3600_000) }))).toMatchObject({ name: 'ExpiredTokenException' })
    expect(await errorOf(assume({ sessionName: null }))).toMatchObject({ name: 'InvalidIdentityTokenException', message: 'RoleSessionName is required in AuthnResponse' })
    expect(await errorOf(assume({ sessionName: 'has space' }))).toMatchObject({ name: 'InvalidIdentityTokenException', message: 'RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}' })
    expect(await errorOf(assume({ audience: 'https://app.example.com' }))).toMatchObject({ name: 'InvalidIdentityTokenException', message: 'Response does not contain the required audience.' })
    expect(await errorOf(assume({}, `arn:aws:iam::${ACCT}:saml-provider/Nope`))).toMatchObject({ name: 'InvalidIdentityTokenException', message: "Specified provider doesn't exist" })
    const garbage = await errorOf(anonymousSts().send(new AssumeRoleWithSAMLCommand({ RoleArn: ROLE_ARN, PrincipalArn: PROVIDER_ARN, SAMLAssertion: 'bm90IHhtbA==' })))
    expect(garbage).toMatchObject({ name: 'InvalidIdentityTokenException' })
  })

  it('passes SAML session tags and source identity when the trust allows them', async () => {
    await w.iam().send(new CreateSAMLProviderCommand({ Name: 'Okta', SAMLMetadataDocument: idpMetadata() }))
    const trust = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Federated: PROVIDER_ARN }, Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession', 'sts:SetSourceIdentity'] }]
    }
    await w.iam().send(new CreateRoleCommand({ RoleName: 'saml-dev', AssumeRolePolicyDocument: JSON.stringify(trust) }))
    const out = await assume({ attributes: { 'https://aws.amazon.com/SAML/Attributes/PrincipalTag:team': ['vision'], 'https://aws.amazon.com/SAML/Attributes/SourceIdentity': ['alice'] } })
    expect(out.SourceIdentity).toBe('alice')
    expect(out.PackedPolicySize).toBeGreaterThan(0)
    expect(await errorOf(assume({ attributes: { 'https://aws.amazon.com/SAML/Attributes/SourceIdentity': ['aws:root'] } }))).toMatchObject({
      name: 'InvalidIdentityTokenException', message: 'Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with "aws:"'
    })
  })
})
