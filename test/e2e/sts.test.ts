import { CreateRoleCommand, PutRolePolicyCommand, UpdateAccessKeyCommand, UpdateRoleCommand, GetUserCommand, CreateRoleCommand as _C } from '@aws-sdk/client-iam'
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createUserWithKeys, errorOf, startWarden, TEST_ACCOUNT_ID, type RunningWarden } from '../helpers/warden.js'

void _C
let w: RunningWarden
beforeAll(async () => {
  w = await startWarden()
})
afterAll(async () => {
  await w.stop()
})
beforeEach(async () => {
  await w.reset()
})

const trustFor = (aws: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: aws }, Action: 'sts:AssumeRole', ...extra }] })

describe('STS through the AWS SDK', () => {
  it('GetCallerIdentity names root, users and role sessions exactly as AWS does', async () => {
    const root = await w.sts().send(new GetCallerIdentityCommand({}))
    expect(root).toMatchObject({ Account: TEST_ACCOUNT_ID, Arn: `arn:aws:iam::${TEST_ACCOUNT_ID}:root`, UserId: TEST_ACCOUNT_ID })
    const dev = await createUserWithKeys(w, 'dev', { path: '/ml/' })
    const me = await w.sts(dev.credentials).send(new GetCallerIdentityCommand({}))
    expect(me).toMatchObject({ Account: TEST_ACCOUNT_ID, Arn: `arn:aws:iam::${TEST_ACCOUNT_ID}:user/ml/dev`, UserId: dev.userId })
    expect(dev.userId).toMatch(/^AIDA[A-Z0-9]{17}$/)
  })

  it('AssumeRole: a trust policy naming the user needs no identity allow; the session acts as the role', async () => {
    const dev = await createUserWithKeys(w, 'dev')
    const role = await w.iam().send(new CreateRoleCommand({ RoleName: 'trainer', AssumeRolePolicyDocument: trustFor(dev.arn) }))
    await w.iam().send(new PutRolePolicyCommand({ RoleName: 'trainer', PolicyName: 'read-self', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }] }) }))
    const out = await w.sts(dev.credentials).send(new AssumeRoleCommand({ RoleArn: role.Role!.Arn!, RoleSessionName: 'job-1', DurationSeconds: 900 }))
    expect(out.Credentials!.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/)
    expect(out.AssumedRoleUser).toEqual({ AssumedRoleId: `${role.Role!.RoleId}:job-1`, Arn: `arn:aws:sts::${TEST_ACCOUNT_ID}:assumed-role/trainer/job-1` })
    const creds = { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! }
    const who = await w.sts(creds).send(new GetCallerIdentityCommand({}))
    expect(who.Arn).toBe(`arn:aws:sts::${TEST_ACCOUNT_ID}:assumed-role/trainer/job-1`)
    const denied = await errorOf(w.iam(creds).send(new CreateRoleCommand({ RoleName: 'x', AssumeRolePolicyDocument: trustFor(dev.arn) })))
    expect(denied.name).toBe('AccessDenied')
    expect(denied.status).toBe(403)
    expect(denied.message).toBe(`User: arn:aws:sts::${TEST_ACCOUNT_ID}:assumed-role/trainer/job-1 is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::${TEST_ACCOUNT_ID}:role/x because no identity-based policy allows the iam:CreateRole action`)
  })

  it('AssumeRole through the account root needs an identity allow', async () => {
    const dev = await createUserWithKeys(w, 'dev')
    const role = await w.iam().send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trustFor(`arn:aws:iam::${TEST_ACCOUNT_ID}:root`) }))
    const e = await errorOf(w.sts(dev.credentials).send(new AssumeRoleCommand({ RoleArn: role.Role!.Arn!, RoleSessionName: 'sess' })))
    expect(e).toMatchObject({ name: 'AccessDenied', status: 403, message: `User: ${dev.arn} is not authorized to perform: sts:AssumeRole on resource: ${role.Role!.Arn}` })
    const allowed = await createUserWithKeys(w, 'ops', { inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: role.Role!.Arn }] } })
    const ok = await w.sts(allowed.credentials).send(new AssumeRoleCommand({ RoleArn: role.Role!.Arn!, RoleSessionName: 'sess' }))
    expect(ok.Credentials?.SessionToken).toBeTruthy()
  })

  it('ExternalId conditions, session policies and chaining limits', async () => {
    const dev = await createUserWithKeys(w, 'dev')
    const role = await w.iam().send(new CreateRoleCommand({ RoleName: 'ext', AssumeRolePolicyDocument: trustFor(dev.arn, { Condition: { StringEquals: { 'sts:ExternalId': 'abc' } } }) }))
    await w.iam().send(new PutRolePolicyCommand({ RoleName: 'ext', PolicyName: 'all', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:GetUser', 'iam:ListUsers', 'sts:AssumeRole'], Resource: '*' }] }) }))
    const sts = w.sts(dev.credentials)
    expect((await errorOf(sts.send(new AssumeRoleCommand({ RoleArn: role.Role!.Arn!, RoleSessionName: 'sess' })))).name).toBe('AccessDenied')
    const narrowed = await sts.send(new AssumeRoleCommand({
      RoleArn: role.Role!.Arn!, RoleSessionName: 'sess', ExternalId: 'abc',
      Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }] })
    }))
    expect(narrowed.PackedPolicySize).toBeGreaterThan(0)
    const creds = { accessKeyId: narrowed.Credentials!.AccessKeyId!, secretAccessKey: narrowed.Credentials!.SecretAccessKey!, sessionToken: narrowed.Credentials!.SessionToken! }
    const e = await errorOf(w.iam(creds).send(new GetUserCommand({ UserName: 'dev' })))
    expect(e.name).toBe('AccessDenied')
    expect(e.message).toContain('because no session policy allows the iam:GetUser action')
    const tooLong = await errorOf(sts.send(new AssumeRoleCommand({ RoleArn: role.Role!.Arn!, RoleSessionName: 'sess', ExternalId: 'abc', DurationSeconds: 7200 })))
    expect(tooLong).toMatchObject({ name: 'ValidationError', message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.' })
    // Raising MaxSessionDuration takes effect for the next AssumeRole (no stale cached role).
    await w.iam().send(new UpdateRoleCommand({ RoleName: 'ext', MaxSessionDuration: 7200 }))
    const longer = await sts.send(new AssumeRoleCommand({ RoleArn: role.Role!.Arn!, RoleSessionName: 'sess', ExternalId: 'abc', DurationSeconds: 7200 }))
    expect(longer.Credentials!.Expiration!.getTime() - Date.now()).toBeGreaterThan(7100 * 1000)
  })

  it('refuses tampered tokens, wrong secrets, unknown and deactivated keys', async () => {
    const dev = await createUserWithKeys(w, 'dev')
    const wrong = await errorOf(w.sts({ ...dev.credentials, secretAccessKey: 'x'.repeat(40) }).send(new GetCallerIdentityCommand({})))
    expect(wrong).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 })
    const unknown = await errorOf(w.sts({ accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x'.repeat(40) }).send(new GetCallerIdentityCommand({})))
    expect(unknown).toMatchObject({ name: 'InvalidClientTokenId', status: 403, message: 'The security token included in the request is invalid.' })
    await w.iam().send(new UpdateAccessKeyCommand({ UserName: 'dev', AccessKeyId: dev.credentials.accessKeyId, Status: 'Inactive' }))
    expect((await errorOf(w.sts(dev.credentials).send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId')
    const session = await w.sts().send(new GetSessionTokenCommand({ DurationSeconds: 900 }))
    const token = session.Credentials!.SessionToken!
    const tampered = token.slice(0, 20) + (token[20] === 'A' ? 'B' : 'A') + token.slice(21)
    const bad = await errorOf(w.sts({ accessKeyId: session.Credentials!.AccessKeyId!, secretAccessKey: session.Credentials!.SecretAccessKey!, sessionToken: tampered }).send(new GetCallerIdentityCommand({})))
    expect(bad.name).toBe('InvalidClientTokenId')
  })

  it('answers garbage with AWS errors, never a 500', async () => {
    const bad = await fetch(w.endpoint, { method: 'POST', headers: { authorization: 'AWS4-HMAC-SHA256 garbage', 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=ListUsers&Version=2010-05-08' })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('<Code>IncompleteSignature</Code>')
    const none = await fetch(w.endpoint, { method: 'POST', body: 'Action=ListUsers' })
    expect(none.status).toBe(403)
    expect(await none.text()).toContain('<Code>MissingAuthenticationToken</Code>')
    const big = await fetch(w.endpoint, { method: 'POST', body: 'x'.repeat(2 * 1024 * 1024) })
    expect(big.status).toBe(413)
    expect((await fetch(`${w.endpoint}/health`)).status).toBe(200)
  })
})

void STSClient
