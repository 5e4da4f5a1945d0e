/**
 * Virtual MFA devices and MFA-authenticated STS sessions end to end through the AWS SDK,
 * with codes computed by an independent authenticator (test/helpers/totp.ts): the QR code
 * decodes to the seed, EnableMFADevice wants two consecutive codes, and a policy requiring
 * aws:MultiFactorAuthPresent denies without MFA and allows with it.
 */
import {
  CreateRoleCommand, CreateVirtualMFADeviceCommand, DeactivateMFADeviceCommand, DeleteUserCommand, DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand, GetMFADeviceCommand, GetUserCommand, ListMFADevicesCommand, ListMFADeviceTagsCommand, ListUsersCommand,
  ListVirtualMFADevicesCommand, PutRolePolicyCommand, ResyncMFADeviceCommand, TagMFADeviceCommand, UntagMFADeviceCommand
} from '@aws-sdk/client-iam'
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, type Credentials as StsCredentials } from '@aws-sdk/client-sts'
import jsQRModule from 'jsqr'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { authenticatorCode } from '../helpers/totp.js'
import { awsErrorOf as errorOf, createUserWithKeys, startWarden, TEST_ACCOUNT_ID, type Credentials, type RunningWarden } from '../helpers/warden.js'

// jsqr is CommonJS whose types declare an ES default export: take the function either way.
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule) as unknown as typeof import('jsqr').default

let w: RunningWarden
// The server's clock runs `offset` ms ahead of the test's (the authenticator's).
let offset = 0
beforeAll(async () => {
  w = await startWarden({ now: () => new Date(Date.now() + offset), clockSkewSeconds: 24 * 3600 })
})
afterAll(async () => {
  await w.stop()
})
beforeEach(async () => {
  offset = 0
  await w.reset()
})

const ACCT = TEST_ACCOUNT_ID
const INVALID_CODE = 'MultiFactorAuthentication failed with invalid MFA one time pass code. '
const UNKNOWN_DEVICE = 'MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.'
const asCreds = (c: StsCredentials | undefined): Credentials => ({ accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! })
const requireMfa = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }
const allow = (action: string | string[], condition?: unknown) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*', ...(condition ? { Condition: condition } : {}) }] })

/** Creates a device and returns its serial number and base32 seed. */
async function createDevice(name: string, path?: string): Promise<{ serial: string; seed: string; png: Uint8Array }> {
  const out = await w.iam().send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name, Path: path }))
  const d = out.VirtualMFADevice!
  return { serial: d.SerialNumber!, seed: Buffer.from(d.Base32StringSeed!).toString('ascii'), png: d.QRCodePNG! }
}

/** Enables a device for a user with the codes of the previous and the current step. */
async function enable(userName: string, serial: string, seed: string): Promise<void> {
  await w.iam().send(new EnableMFADeviceCommand({
    UserName: userName, SerialNumber: serial, AuthenticationCode1: authenticatorCode(seed, new Date(), -1), AuthenticationCode2: authenticatorCode(seed)
  }))
}

describe('virtual MFA devices', () => {
  it('CreateVirtualMFADevice returns a 64-character base32 seed and a QR code PNG of its otpauth URI', async () => {
    const { serial, seed, png } = await createDevice('alice-phone', '/ml/')
    expect(serial).toBe(`arn:aws:iam::${ACCT}:mfa/ml/alice-phone`)
    expect(seed).toMatch(/^[A-Z2-7]{64}$/)
    const image = PNG.sync.read(Buffer.from(png))
    const qr = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)
    expect(qr?.data).toBe(`otpauth://totp/alice-phone@${ACCT}?secret=${seed}`)
    const again = await createDevice('bob-phone')
    expect(again.seed).not.toBe(seed)
    const dup = await errorOf(w.iam().send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'ALICE-PHONE', Path: '/ml/' })))
    expect(dup).toEqual({ name: 'EntityAlreadyExists', status: 409, message: 'MFADevice entity at the same path and name already exists.' })
    const listed = await w.iam().send(new ListVirtualMFADevicesCommand({}))
    expect(listed.VirtualMFADevices!.map((d) => d.SerialNumber)).toEqual([`arn:aws:iam::${ACCT}:mfa/bob-phone`, serial])
    // The seed is shown once: lists never carry it.
    expect(listed.VirtualMFADevices!.every((d) => d.Base32StringSeed === undefined && d.QRCodePNG === undefined)).toBe(true)
  })

  it('EnableMFADevice wants two consecutive current codes; a refused attempt changes nothing', async () => {
    await createUserWithKeys(w, 'alice')
    const { serial, seed } = await createDevice('alice')
    const iam = w.iam()
    const now = new Date()
    const bad = [
      [authenticatorCode(seed, now), authenticatorCode(seed, now)],
      [authenticatorCode(seed, now), authenticatorCode(seed, now, -1)],
      [authenticatorCode(seed, now, -20), authenticatorCode(seed, now, -19)],
      [String((Number(authenticatorCode(seed, now, -1)) + 1) % 1e6).padStart(6, '0'), authenticatorCode(seed, now)]
    ]
    for (const [c1, c2] of bad) {
      const e = await errorOf(iam.send(new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: serial, AuthenticationCode1: c1, AuthenticationCode2: c2 })))
      expect(e).toEqual({ name: 'InvalidAuthenticationCode', status: 403, message: 'Authentication code for device is not valid.' })
    }
    expect((await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }))).VirtualMFADevices).toHaveLength(1)
    const malformed = await errorOf(iam.send(new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: serial, AuthenticationCode1: '12345', AuthenticationCode2: 'abcdef' })))
    expect(malformed.name).toBe('ValidationError')
    expect(await errorOf(iam.send(new EnableMFADeviceCommand({ UserName: 'ghost', SerialNumber: serial, AuthenticationCode1: '123456', AuthenticationCode2: '123456' }))))
      .toMatchObject({ name: 'NoSuchEntity', message: 'The user with name ghost cannot be found.' })
    const missing = `arn:aws:iam::${ACCT}:mfa/nope`
    expect(await errorOf(iam.send(new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: missing, AuthenticationCode1: '123456', AuthenticationCode2: '123456' }))))
      .toMatchObject({ name: 'NoSuchEntity', message: `VirtualMFADevice with serial number ${missing} doesn't exist.` })

    await enable('alice', serial, seed)
    const assigned = (await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }))).VirtualMFADevices!
    expect(assigned.map((d) => [d.SerialNumber, d.User?.UserName])).toEqual([[serial, 'alice']])
    expect(assigned[0]!.EnableDate).toBeInstanceOf(Date)
    expect((await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }))).VirtualMFADevices).toEqual([])
    const mine = await iam.send(new ListMFADevicesCommand({ UserName: 'alice' }))
    expect(mine.MFADevices!.map((d) => [d.UserName, d.SerialNumber])).toEqual([['alice', serial]])
    const got = await iam.send(new GetMFADeviceCommand({ UserName: 'alice', SerialNumber: serial }))
    expect(got).toMatchObject({ UserName: 'alice', SerialNumber: serial })
    expect(got.EnableDate).toBeInstanceOf(Date)

    await createUserWithKeys(w, 'bob')
    expect(await errorOf(enable('bob', serial, seed))).toMatchObject({ name: 'EntityAlreadyExists', status: 409, message: 'MFA Device is already in use.' })
    expect(await errorOf(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }))))
      .toEqual({ name: 'DeleteConflict', status: 409, message: 'MFA VirtualDevice in use. Must deactivate first.' })
    expect(await errorOf(iam.send(new DeleteUserCommand({ UserName: 'alice' }))))
      .toMatchObject({ name: 'DeleteConflict', message: 'Cannot delete entity, must delete access keys first.' })
    expect(await errorOf(iam.send(new DeactivateMFADeviceCommand({ UserName: 'bob', SerialNumber: serial })))).toMatchObject({ name: 'NoSuchEntity' })
    expect(await errorOf(iam.send(new GetMFADeviceCommand({ UserName: 'bob', SerialNumber: serial })))).toMatchObject({ name: 'NoSuchEntity' })

    await iam.send(new DeactivateMFADeviceCommand({ UserName: 'alice', SerialNumber: serial }))
    expect((await iam.send(new ListMFADevicesCommand({ UserName: 'alice' }))).MFADevices).toEqual([])
    await iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }))
    expect(await errorOf(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }))))
      .toEqual({ name: 'NoSuchEntity', status: 404, message: `VirtualMFADevice with serial number ${serial} doesn't exist.` })
  })

  it('a user manages their own device: ListMFADevices without UserName, DeactivateMFADevice on themselves', async () => {
    const alice = await createUserWithKeys(w, 'alice', { inlinePolicy: allow(['iam:ListMFADevices', 'iam:DeactivateMFADevice', 'iam:GetMFADevice']) })
    const { serial, seed } = await createDevice('alice')
    await enable('alice', serial, seed)
    const iam = w.iam(alice.credentials)
    expect((await iam.send(new ListMFADevicesCommand({}))).MFADevices!.map((d) => d.SerialNumber)).toEqual([serial])
    expect((await iam.send(new GetMFADeviceCommand({ SerialNumber: serial }))).UserName).toBe('alice')
    await iam.send(new DeactivateMFADeviceCommand({ SerialNumber: serial }))
    expect((await iam.send(new ListMFADevicesCommand({}))).MFADevices).toEqual([])
    // Root has no devices of its own here.
    expect((await w.iam().send(new ListMFADevicesCommand({}))).MFADevices).toEqual([])
  })

  it('tags on create, TagMFADevice, ListMFADeviceTags with paging, UntagMFADevice', async () => {
    const out = await w.iam().send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'tagged', Tags: [{ Key: 'team', Value: 'ml' }] }))
    const serial = out.VirtualMFADevice!.SerialNumber!
    expect(out.VirtualMFADevice!.Tags).toEqual([{ Key: 'team', Value: 'ml' }])
    const iam = w.iam()
    await iam.send(new TagMFADeviceCommand({ SerialNumber: serial, Tags: [{ Key: 'owner', Value: 'alice' }, { Key: 'TEAM', Value: 'vision' }] }))
    const page1 = await iam.send(new ListMFADeviceTagsCommand({ SerialNumber: serial, MaxItems: 1 }))
    expect(page1).toMatchObject({ Tags: [{ Key: 'TEAM', Value: 'vision' }], IsTruncated: true })
    const page2 = await iam.send(new ListMFADeviceTagsCommand({ SerialNumber: serial, Marker: page1.Marker }))
    expect(page2).toMatchObject({ Tags: [{ Key: 'owner', Value: 'alice' }], IsTruncated: false })
    await iam.send(new UntagMFADeviceCommand({ SerialNumber: serial, TagKeys: ['team'] }))
    expect((await iam.send(new ListMFADeviceTagsCommand({ SerialNumber: serial }))).Tags).toEqual([{ Key: 'owner', Value: 'alice' }])
    const tooMany = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }))
    expect(await errorOf(iam.send(new TagMFADeviceCommand({ SerialNumber: serial, Tags: tooMany })))).toMatchObject({ name: 'LimitExceeded' })
    expect((await iam.send(new ListMFADeviceTagsCommand({ SerialNumber: serial }))).Tags).toHaveLength(1)
    const missing = `arn:aws:iam::${ACCT}:mfa/none`
    expect(await errorOf(iam.send(new TagMFADeviceCommand({ SerialNumber: missing, Tags: [{ Key: 'a', Value: 'b' }] })))).toMatchObject({ name: 'NoSuchEntity' })
    expect(await errorOf(iam.send(new ListMFADeviceTagsCommand({ SerialNumber: missing })))).toMatchObject({ name: 'NoSuchEntity' })
  })
})

describe('MFA device tags in authorization', () => {
  it('aws:ResourceTag/<key> of a device decides DeleteVirtualMFADevice', async () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:DeleteVirtualMFADevice', Resource: '*', Condition: { StringNotEquals: { 'aws:ResourceTag/protected': 'true' } } }] }
    const ops = await createUserWithKeys(w, 'ops', { inlinePolicy: policy })
    const keep = await w.iam().send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'keep', Tags: [{ Key: 'protected', Value: 'true' }] }))
    const spare = await createDevice('spare')
    const iam = w.iam(ops.credentials)
    await iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: spare.serial }))
    const serial = keep.VirtualMFADevice!.SerialNumber!
    expect(await errorOf(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial })))).toMatchObject({ name: 'AccessDenied', status: 403 })
    expect((await w.iam().send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices!.map((d) => d.SerialNumber)).toEqual([serial])
  })
})

describe('STS with MFA', () => {
  /** A user `dev` with an enabled device, a role `admin` that trusts dev only with MFA. */
  async function setup(userPolicy: string) {
    const dev = await createUserWithKeys(w, 'dev', { inlinePolicy: userPolicy })
    const { serial, seed } = await createDevice('dev')
    await enable('dev', serial, seed)
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: dev.arn }, Action: 'sts:AssumeRole', Condition: requireMfa }] })
    const role = await w.iam().send(new CreateRoleCommand({ RoleName: 'admin', AssumeRolePolicyDocument: trust }))
    await w.iam().send(new PutRolePolicyCommand({ RoleName: 'admin', PolicyName: 'p', PolicyDocument: allow('iam:ListUsers', requireMfa) }))
    return { dev, serial, seed, roleArn: role.Role!.Arn! }
  }

  it('a policy requiring aws:MultiFactorAuthPresent denies without MFA and allows with it', async () => {
    const { dev, serial, seed, roleArn } = await setup(allow('iam:GetUser', requireMfa))
    // Long-term keys carry no MFA: the condition fails.
    expect(await errorOf(w.iam(dev.credentials).send(new GetUserCommand({})))).toMatchObject({ name: 'AccessDenied', status: 403 })
    // A trust policy requiring MFA refuses AssumeRole without it...
    expect(await errorOf(w.sts(dev.credentials).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'ss' }))))
      .toMatchObject({ name: 'AccessDenied', message: `User: ${dev.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}` })
    // ...and accepts it with a code; the role session carries MFA into evaluation.
    const assumed = await w.sts(dev.credentials).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'ss', SerialNumber: serial, TokenCode: authenticatorCode(seed, new Date(), 1) }))
    const roleCreds = asCreds(assumed.Credentials)
    expect((await w.iam(roleCreds).send(new ListUsersCommand({}))).Users!.map((u) => u.UserName)).toEqual(['dev'])

    // GetSessionToken with MFA: the session may call IAM, and the MFA condition holds. Each
    // code works once, so the next one is taken a minute later (the server's clock moves on).
    offset = 60_000
    const session = await w.sts(dev.credentials).send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: authenticatorCode(seed, new Date(Date.now() + offset)) }))
    const sessionCreds = asCreds(session.Credentials)
    expect((await w.iam(sessionCreds).send(new GetUserCommand({}))).User!.UserName).toBe('dev')
    expect((await w.sts(sessionCreds).send(new GetCallerIdentityCommand({}))).Arn).toBe(dev.arn)
    // A session made with MFA assumes the MFA-only role without a new code.
    const chained = await w.sts(sessionCreds).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'from-session' }))
    expect((await w.iam(asCreds(chained.Credentials)).send(new ListUsersCommand({}))).Users).toHaveLength(1)

    // Without MFA, GetSessionToken credentials cannot call IAM at all (AWS's rule).
    const plain = asCreds((await w.sts(dev.credentials).send(new GetSessionTokenCommand({}))).Credentials)
    expect(await errorOf(w.iam(plain).send(new GetUserCommand({})))).toMatchObject({ name: 'InvalidClientTokenId' })
    expect(await errorOf(w.sts(plain).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'no-mfa' })))).toMatchObject({ name: 'AccessDenied' })
  })

  it('aws:MultiFactorAuthAge counts seconds since the code was given', async () => {
    const ageLimit = { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }
    const { dev, serial, seed } = await setup(allow('iam:GetUser', ageLimit))
    // EnableMFADevice used the current step's code; the next one is fresh.
    const before = Date.now()
    const creds = asCreds((await w.sts(dev.credentials).send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: authenticatorCode(seed, new Date(), 1) }))).Credentials)
    const after = Date.now()
    expect((await w.iam(creds).send(new GetUserCommand({}))).User!.UserName).toBe('dev')
    // The server's clock is set relative to when the code was given (whole seconds, as the
    // age is counted), not to now: a slow machine's elapsed seconds must not move the bound.
    offset = Math.floor(before / 1000) * 1000 + 3599_000 - Date.now()
    expect((await w.iam(creds).send(new GetUserCommand({}))).User!.UserName).toBe('dev')
    offset = Math.ceil(after / 1000) * 1000 + 3601_000 - Date.now()
    expect(await errorOf(w.iam(creds).send(new GetUserCommand({})))).toMatchObject({ name: 'AccessDenied' })
  })

  it('wrong, replayed, stale or foreign codes are refused with AWS words', async () => {
    const { dev, serial, seed } = await setup(allow('iam:GetUser'))
    const sts = w.sts(dev.credentials)
    const now = new Date()
    const wrong = String((Number(authenticatorCode(seed, now)) + 1) % 1e6).padStart(6, '0')
    expect(await errorOf(sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: wrong }))))
      .toEqual({ name: 'AccessDenied', status: 403, message: INVALID_CODE })
    expect(await errorOf(sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: authenticatorCode(seed, now, -3) }))))
      .toMatchObject({ message: INVALID_CODE })
    // The codes EnableMFADevice consumed, and any code once used, never work again.
    expect(await errorOf(sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: authenticatorCode(seed, now) }))))
      .toMatchObject({ message: INVALID_CODE })
    const next = authenticatorCode(seed, now, 1)
    await sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: next }))
    expect(await errorOf(sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: next })))).toMatchObject({ message: INVALID_CODE })
    // Another user's device, an unknown one, a missing half of the pair, the root user.
    const other = await createUserWithKeys(w, 'other')
    expect(await errorOf(w.sts(other.credentials).send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: authenticatorCode(seed, now, 1) }))))
      .toEqual({ name: 'AccessDenied', status: 403, message: UNKNOWN_DEVICE })
    expect(await errorOf(sts.send(new GetSessionTokenCommand({ SerialNumber: `arn:aws:iam::${ACCT}:mfa/none`, TokenCode: '123456' })))).toMatchObject({ message: UNKNOWN_DEVICE })
    expect(await errorOf(sts.send(new GetSessionTokenCommand({ SerialNumber: serial })))).toMatchObject({ message: UNKNOWN_DEVICE })
    expect(await errorOf(w.sts().send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: '123456' })))).toMatchObject({ message: UNKNOWN_DEVICE })
    expect((await errorOf(sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: '12345' })))).name).toBe('ValidationError')
  })

  it('ResyncMFADevice learns a drifted device clock', async () => {
    const { dev, serial, seed } = await setup(allow('iam:GetUser'))
    // The server runs 5 minutes ahead of the device: its current codes look 10 steps old.
    offset = 300_000
    const sts = w.sts(dev.credentials)
    expect(await errorOf(sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: authenticatorCode(seed, new Date(), 1) })))).toMatchObject({ message: INVALID_CODE })
    const now = new Date()
    const iam = w.iam()
    expect(await errorOf(iam.send(new ResyncMFADeviceCommand({ UserName: 'dev', SerialNumber: serial, AuthenticationCode1: authenticatorCode(seed, now), AuthenticationCode2: authenticatorCode(seed, now) }))))
      .toMatchObject({ name: 'InvalidAuthenticationCode' })
    await iam.send(new ResyncMFADeviceCommand({ UserName: 'dev', SerialNumber: serial, AuthenticationCode1: authenticatorCode(seed, now, 2), AuthenticationCode2: authenticatorCode(seed, now, 3) }))
    const creds = await sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: authenticatorCode(seed, now, 4) }))
    expect(creds.Credentials?.SessionToken).toBeTypeOf('string')
    expect(await errorOf(iam.send(new ResyncMFADeviceCommand({ UserName: 'nobody', SerialNumber: serial, AuthenticationCode1: '111111', AuthenticationCode2: '222222' }))))
      .toMatchObject({ name: 'NoSuchEntity' })
  })
})
