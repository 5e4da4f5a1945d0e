/**
 * GetFederationToken and DecodeAuthorizationMessage end to end through the AWS SDK: a
 * federated user's identity and restrictions, who may ask for one, its duration bounds,
 * and how DecodeAuthorizationMessage answers for a service that encodes no messages.
 */
import { ListUsersCommand } from '@aws-sdk/client-iam'
import {
  AssumeRoleCommand,
  DecodeAuthorizationMessageCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
  type Credentials as StsCredentials
} from '@aws-sdk/client-sts'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createUserWithKeys, errorOf, startWarden, TEST_ACCOUNT_ID, type Credentials, type RunningWarden } from '../helpers/warden.js'

let w: RunningWarden
beforeAll(async () => {
  w = await startWarden()
})
afterAll(async () => w.stop())
beforeEach(async () => w.reset())

const ACCT = TEST_ACCOUNT_ID
const allow = (action: string | string[], resource = '*') => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] })
const asCreds = (c: StsCredentials | undefined): Credentials => ({ accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! })

describe('GetFederationToken', () => {
  it("gives an IAM user's broker a federated user session named as AWS names it", async () => {
    const broker = await createUserWithKeys(w, 'broker', { inlinePolicy: allow(['sts:GetFederationToken', 'sts:TagSession', 'iam:ListUsers']) })
    const out = await w.sts(broker.credentials).send(new GetFederationTokenCommand({
      Name: 'bob',
      Policy: JSON.stringify(allow('iam:ListUsers')),
      DurationSeconds: 7200,
      Tags: [{ Key: 'team', Value: 'vision' }]
    }))
    expect(out.FederatedUser).toEqual({ FederatedUserId: `${ACCT}:bob`, Arn: `arn:aws:sts::${ACCT}:federated-user/bob` })
    expect(out.PackedPolicySize).toBeGreaterThan(0)
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/)
    const seconds = (out.Credentials!.Expiration!.getTime() - Date.now()) / 1000
    expect(seconds).toBeGreaterThan(7100)
    expect(seconds).toBeLessThanOrEqual(7200)
    const fed = asCreds(out.Credentials)
    const me = await w.sts(fed).send(new GetCallerIdentityCommand({}))
    expect(me).toMatchObject({ UserId: `${ACCT}:bob`, Account: ACCT, Arn: `arn:aws:sts::${ACCT}:federated-user/bob` })
    // No IAM operation, and of STS only GetCallerIdentity, even where the policies allow them.
    expect(await errorOf(w.iam(fed).send(new ListUsersCommand({})))).toMatchObject({ name: 'InvalidClientTokenId', status: 403 })
    expect(await errorOf(w.sts(fed).send(new GetSessionTokenCommand({})))).toMatchObject({ name: 'AccessDenied', message: 'Cannot call GetSessionToken with session credentials' })
    expect(await errorOf(w.sts(fed).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCT}:role/x`, RoleSessionName: 'xx' })))).toMatchObject({ name: 'AccessDenied' })
    expect(await errorOf(w.sts(fed).send(new GetFederationTokenCommand({ Name: 'again' })))).toMatchObject({ name: 'AccessDenied', message: 'Cannot call GetFederationToken with session credentials' })
  })

  it('needs sts:GetFederationToken on the federated user, and sts:TagSession for tags', async () => {
    const broker = await createUserWithKeys(w, 'broker', { inlinePolicy: allow('sts:GetFederationToken', `arn:aws:sts::${ACCT}:federated-user/app-*`) })
    const sts = w.sts(broker.credentials)
    await sts.send(new GetFederationTokenCommand({ Name: 'app-1' }))
    expect(await errorOf(sts.send(new GetFederationTokenCommand({ Name: 'bob' })))).toMatchObject({
      name: 'AccessDenied',
      status: 403,
      message: `User: ${broker.arn} is not authorized to perform: sts:GetFederationToken on resource: arn:aws:sts::${ACCT}:federated-user/bob because no identity-based policy allows the sts:GetFederationToken action`
    })
    expect(await errorOf(sts.send(new GetFederationTokenCommand({ Name: 'app-2', Tags: [{ Key: 'k', Value: 'v' }] })))).toMatchObject({ name: 'AccessDenied' })
  })

  it('bounds duration and checks the session policies as AWS does; root sessions last an hour at most', async () => {
    const broker = await createUserWithKeys(w, 'broker', { inlinePolicy: allow('sts:GetFederationToken') })
    const sts = w.sts(broker.credentials)
    const dflt = await sts.send(new GetFederationTokenCommand({ Name: 'bob' }))
    expect(Math.round((dflt.Credentials!.Expiration!.getTime() - Date.now()) / 3600_000)).toBe(12)
    expect(await errorOf(sts.send(new GetFederationTokenCommand({ Name: 'bob', DurationSeconds: 129_601 })))).toMatchObject({ name: 'ValidationError' })
    expect(await errorOf(sts.send(new GetFederationTokenCommand({ Name: 'bob', DurationSeconds: 899 })))).toMatchObject({ name: 'ValidationError' })
    expect(await errorOf(sts.send(new GetFederationTokenCommand({ Name: 'bob', Policy: '{"Statement":' })))).toMatchObject({ name: 'MalformedPolicyDocumentException' })
    expect(await errorOf(sts.send(new GetFederationTokenCommand({ Name: 'b' })))).toMatchObject({ name: 'ValidationError' })
    const arns = Array.from({ length: 11 }, (_, i) => ({ arn: `arn:aws:iam::${ACCT}:policy/p${i}` }))
    expect(await errorOf(sts.send(new GetFederationTokenCommand({ Name: 'bob', PolicyArns: arns })))).toMatchObject({ name: 'ValidationError' })
    const root = await w.sts().send(new GetFederationTokenCommand({ Name: 'rooty', DurationSeconds: 36_000 }))
    expect((root.Credentials!.Expiration!.getTime() - Date.now()) / 1000).toBeLessThanOrEqual(3600)
    expect((await w.sts(asCreds(root.Credentials)).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${ACCT}:federated-user/rooty`)
  })
})

describe('DecodeAuthorizationMessage', () => {
  it('is authorized as on AWS, and refuses every message: IAM and STS encode none', async () => {
    const dev = await createUserWithKeys(w, 'dev', { inlinePolicy: allow('sts:DecodeAuthorizationMessage') })
    const err = await errorOf(w.sts(dev.credentials).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: 'abc123-not-a-message' })))
    expect(err).toMatchObject({ name: 'InvalidAuthorizationMessageException', status: 400 })
    const other = await createUserWithKeys(w, 'other')
    expect(await errorOf(w.sts(other.credentials).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: 'abc' })))).toMatchObject({
      name: 'AccessDenied', message: `User: ${other.arn} is not authorized to perform: sts:DecodeAuthorizationMessage because no identity-based policy allows the sts:DecodeAuthorizationMessage action`
    })
  })
})
