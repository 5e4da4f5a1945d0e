/**
 * STS sessions end to end through the AWS SDK: expiry, role chaining, input bounds, root and
 * GetSessionToken restrictions, session policies by ARN, session tags, and the pipeline's
 * own errors (unknown action, denied IAM call, raw signed requests) and log lines.
 */
import { CreatePolicyCommand, CreateRoleCommand, GetUserCommand, ListUsersCommand, PutRolePolicyCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam'
import { AssumeRoleCommand, GetAccessKeyInfoCommand, GetCallerIdentityCommand, GetSessionTokenCommand, type Credentials as StsCredentials } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { signRequest } from '../../src/auth/sigv4/index.js'
import { createUserWithKeys, errorOf, startWarden, TEST_ACCOUNT_ID, type Credentials, type RunningWarden } from '../helpers/warden.js'

let w: RunningWarden
// The server's clock runs `offset` ms ahead of the clients'; the skew window is widened to match.
let offset = 0
beforeAll(async () => {
  w = await startWarden({ now: () => new Date(Date.now() + offset), clockSkewSeconds: 10 * 24 * 3600 })
})
afterAll(async () => {
  await w.stop()
})
beforeEach(async () => {
  offset = 0
  await w.reset()
})

const ACCT = TEST_ACCOUNT_ID
const allow = (action: string | string[], resource: string | string[] = '*', extra: Record<string, unknown> = {}) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource, ...extra }] })
const trustFor = (aws: string | string[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: aws }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] })
const asCreds = (c: StsCredentials | undefined): Credentials => ({ accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! })

/** A user `dev` and a role `trainer` (MaxSessionDuration 2 h) that trusts dev and itself. */
async function devAndRole(rolePolicy = allow(['iam:GetUser', 'iam:ListUsers', 'sts:AssumeRole'])) {
  const dev = await createUserWithKeys(w, 'dev')
  const roleArn = `arn:aws:iam::${ACCT}:role/trainer`
  const role = await w.iam().send(new CreateRoleCommand({ RoleName: 'trainer', MaxSessionDuration: 7200, AssumeRolePolicyDocument: trustFor(dev.arn) }))
  // A trust policy may name only principals that exist, so the role trusts itself once it does.
  await w.iam().send(new UpdateAssumeRolePolicyCommand({ RoleName: 'trainer', PolicyDocument: trustFor([dev.arn, roleArn]) }))
  await w.iam().send(new PutRolePolicyCommand({ RoleName: 'trainer', PolicyName: 'p', PolicyDocument: rolePolicy }))
  return { dev, role: role.Role! }
}

/** Posts a signed Query request without the SDK (for actions the SDK has no command for). */
async function rawCall(service: 'iam' | 'sts', body: string, creds: Credentials = w.root): Promise<{ status: number; text: string }> {
  const url = new URL(w.endpoint)
  const signed = signRequest(
    { method: 'POST', path: '/', headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body },
    creds,
    { region: 'us-east-1', service, date: new Date() }
  )
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(signed.headers)) if (k !== 'host') headers[k] = String(v)
  const res = await fetch(w.endpoint, { method: 'POST', headers, body })
  return { status: res.status, text: await res.text() }
}

describe('session lifetimes', () => {
  it('refuses a session token once it has expired, with AWS words', async () => {
    const { dev, role } = await devAndRole()
    const out = await w.sts(dev.credentials).send(new AssumeRoleCommand({ RoleArn: role.Arn!, RoleSessionName: 'ss', DurationSeconds: 900 }))
    const creds = asCreds(out.Credentials)
    expect((await w.sts(creds).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${ACCT}:assumed-role/trainer/ss`)
    offset = 901_000
    const e = await errorOf(w.sts(creds).send(new GetCallerIdentityCommand({})))
    expect(e).toEqual({ name: 'ExpiredToken', status: 403, message: 'The security token included in the request is expired' })
  })

  it('bounds DurationSeconds by the role, by 900 s below, and by one hour when chaining', async () => {
    const { dev, role } = await devAndRole()
    const sts = w.sts(dev.credentials)
    const twoHours = await sts.send(new AssumeRoleCommand({ RoleArn: role.Arn!, RoleSessionName: 'long', DurationSeconds: 7200 }))
    const lifetime = twoHours.Credentials!.Expiration!.getTime() - Date.now()
    expect(lifetime).toBeGreaterThan(7190_000)
    expect(lifetime).toBeLessThanOrEqual(7201_000)
    expect(await errorOf(sts.send(new AssumeRoleCommand({ RoleArn: role.Arn!, RoleSessionName: 'xx', DurationSeconds: 7201 })))).toMatchObject({
      name: 'ValidationError', status: 400, message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'
    })
    expect(await errorOf(sts.send(new AssumeRoleCommand({ RoleArn: role.Arn!, RoleSessionName: 'xx', DurationSeconds: 899 })))).toMatchObject({
      name: 'ValidationError', status: 400,
      message: "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"
    })
    // Role chaining: the session assumes a role (here its own) and is held to one hour.
    const chained = w.sts(asCreds(twoHours.Credentials))
    expect(await errorOf(chained.send(new AssumeRoleCommand({ RoleArn: role.Arn!, RoleSessionName: 'hop', DurationSeconds: 3601 })))).toMatchObject({
      name: 'ValidationError', message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.'
    })
    const hop = await chained.send(new AssumeRoleCommand({ RoleArn: role.Arn!, RoleSessionName: 'hop', DurationSeconds: 3600 }))
    expect(hop.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCT}:assumed-role/trainer/hop`)
  })

  it('validates RoleSessionName as the model says', async () => {
    const { dev, role } = await devAndRole()
    const e = await errorOf(w.sts(dev.credentials).send(new AssumeRoleCommand({ RoleArn: role.Arn!, RoleSessionName: 'has space' })))
    expect(e.name).toBe('ValidationError')
    expect(e.message).toContain("at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*")
    expect((await errorOf(w.sts(dev.credentials).send(new AssumeRoleCommand({ RoleArn: role.Arn!, RoleSessionName: 'a' })))).message).toContain(
      'Member must have length greater than or equal to 2'
    )
  })
})

describe('who may assume, and with what', () => {
  it('never lets the root user assume a role', async () => {
    const role = await w.iam().send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trustFor(`arn:aws:iam::${ACCT}:root`) }))
    expect(await errorOf(w.sts().send(new AssumeRoleCommand({ RoleArn: role.Role!.Arn!, RoleSessionName: 'ss' })))).toEqual({
      name: 'AccessDenied', status: 403, message: 'Roles may not be assumed by root accounts.'
    })
  })

  it('denies a role that does not exist, or one named with the wrong path, as AWS does', async () => {
    const dev = await createUserWithKeys(w, 'dev', { inlinePolicy: JSON.parse(allow('sts:AssumeRole')) })
    await w.iam().send(new CreateRoleCommand({ RoleName: 'r', Path: '/ml/', AssumeRolePolicyDocument: trustFor(dev.arn) }))
    for (const arn of [`arn:aws:iam::${ACCT}:role/nope`, `arn:aws:iam::${ACCT}:role/r`]) {
      expect(await errorOf(w.sts(dev.credentials).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'ss' })))).toEqual({
        name: 'AccessDenied', status: 403, message: `User: ${dev.arn} is not authorized to perform: sts:AssumeRole on resource: ${arn}`
      })
    }
    const ok = await w.sts(dev.credentials).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCT}:role/ml/r`, RoleSessionName: 'ss' }))
    expect(ok.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCT}:assumed-role/r/ss`)
  })

  it('narrows a session to a customer managed policy given in PolicyArns', async () => {
    const { dev, role } = await devAndRole()
    const onlyList = await w.iam().send(new CreatePolicyCommand({ PolicyName: 'only-list', PolicyDocument: allow('iam:ListUsers') }))
    const out = await w.sts(dev.credentials).send(new AssumeRoleCommand({ RoleArn: role.Arn!, RoleSessionName: 'ss', PolicyArns: [{ arn: onlyList.Policy!.Arn! }] }))
    expect(out.PackedPolicySize).toBeGreaterThan(0)
    const iam = w.iam(asCreds(out.Credentials))
    expect((await iam.send(new ListUsersCommand({}))).Users?.map((u) => u.UserName)).toEqual(['dev'])
    expect(await errorOf(iam.send(new GetUserCommand({ UserName: 'dev' })))).toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:sts::${ACCT}:assumed-role/trainer/ss is not authorized to perform: iam:GetUser on resource: user dev because no session policy allows the iam:GetUser action`
    })
  })

  it('carries session tags into aws:PrincipalTag', async () => {
    const { dev, role } = await devAndRole(allow('iam:ListUsers', '*', { Condition: { StringEquals: { 'aws:PrincipalTag/team': 'vision' } } }))
    const tagged = await w.sts(dev.credentials).send(new AssumeRoleCommand({ RoleArn: role.Arn!, RoleSessionName: 'tt', Tags: [{ Key: 'team', Value: 'vision' }] }))
    await w.iam(asCreds(tagged.Credentials)).send(new ListUsersCommand({}))
    const other = await w.sts(dev.credentials).send(new AssumeRoleCommand({ RoleArn: role.Arn!, RoleSessionName: 'tt', Tags: [{ Key: 'team', Value: 'nlp' }] }))
    expect((await errorOf(w.iam(asCreds(other.Credentials)).send(new ListUsersCommand({})))).name).toBe('AccessDenied')
  })
})

describe('GetSessionToken and GetAccessKeyInfo', () => {
  it('gives a user temporary keys that act as the user, but not on IAM without MFA', async () => {
    const dev = await createUserWithKeys(w, 'dev', { inlinePolicy: JSON.parse(allow('iam:ListUsers')) })
    const out = await w.sts(dev.credentials).send(new GetSessionTokenCommand({ DurationSeconds: 900 }))
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/)
    const sts = w.sts(asCreds(out.Credentials))
    expect(await sts.send(new GetCallerIdentityCommand({}))).toMatchObject({ Account: ACCT, Arn: dev.arn, UserId: dev.userId })
    expect(await errorOf(w.iam(asCreds(out.Credentials)).send(new ListUsersCommand({})))).toEqual({
      name: 'InvalidClientTokenId', status: 403, message: 'The security token included in the request is invalid.'
    })
    expect(await errorOf(sts.send(new GetSessionTokenCommand({})))).toMatchObject({ name: 'AccessDenied', message: 'Cannot call GetSessionToken with session credentials' })
    expect(await errorOf(w.sts(dev.credentials).send(new GetSessionTokenCommand({ DurationSeconds: 129601 })))).toMatchObject({ name: 'ValidationError' })
  })

  it('names the account of an access key', async () => {
    const dev = await createUserWithKeys(w, 'dev')
    expect((await w.sts().send(new GetAccessKeyInfoCommand({ AccessKeyId: dev.credentials.accessKeyId }))).Account).toBe(ACCT)
  })
})

describe('the pipeline', () => {
  it('answers an unknown action with InvalidAction', async () => {
    const r = await rawCall('iam', 'Action=MakeCoffee&Version=2010-05-08')
    expect(r.status).toBe(400)
    expect(r.text).toContain('<Code>InvalidAction</Code>')
  })

  it('denies a user without permission with the engine\'s words, and logs the decision without secrets', async () => {
    const dev = await createUserWithKeys(w, 'dev')
    const e = await errorOf(w.iam(dev.credentials).send(new CreateRoleCommand({ RoleName: 'x', AssumeRolePolicyDocument: trustFor(dev.arn) })))
    expect(e).toEqual({
      name: 'AccessDenied', status: 403,
      message: `User: ${dev.arn} is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::${ACCT}:role/x because no identity-based policy allows the iam:CreateRole action`
    })
    const line = w.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.action === 'iam:CreateRole' && l.principal === dev.arn)
    expect(line).toMatchObject({ decision: 'Deny', status: 403, code: 'AccessDenied' })
    expect(typeof line?.requestId).toBe('string')
    expect(typeof line?.ms).toBe('number')
    const all = w.logs.join('\n')
    expect(all).not.toContain(dev.credentials.secretAccessKey)
    expect(all).not.toContain(w.root.secretAccessKey)
    expect(all).not.toContain('Signature=')
  })

  it('refuses a session token presented with another key', async () => {
    const { dev, role } = await devAndRole()
    const a = asCreds((await w.sts(dev.credentials).send(new AssumeRoleCommand({ RoleArn: role.Arn!, RoleSessionName: 'aa' }))).Credentials)
    const b = asCreds((await w.sts(dev.credentials).send(new AssumeRoleCommand({ RoleArn: role.Arn!, RoleSessionName: 'bb' }))).Credentials)
    expect((await errorOf(w.sts({ ...b, sessionToken: a.sessionToken }).send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId')
    expect((await errorOf(w.sts({ ...dev.credentials, sessionToken: a.sessionToken }).send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId')
  })
})
