/**
 * Console passwords end to end through the AWS SDK: login profiles under AWS's default and
 * a custom account password policy, ChangePassword by the user themself, reuse
 * prevention, and no password ever in the logs or the database files.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  ChangePasswordCommand, CreateLoginProfileCommand, CreateRoleCommand, DeleteAccessKeyCommand, DeleteLoginProfileCommand, DeleteUserCommand,
  GetLoginProfileCommand, IAMClient, ListAccessKeysCommand, UpdateAccountPasswordPolicyCommand, UpdateLoginProfileCommand,
  type UpdateAccountPasswordPolicyCommandInput
} from '@aws-sdk/client-iam'
import { AssumeRoleCommand } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { awsErrorOf as errorOf, createUserWithKeys, startWarden, type RunningWarden } from '../helpers/warden.js'

let w: RunningWarden
// The data directory is the test's, so the database files can be searched for passwords.
let dir: string
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warden-login-'))
  w = await startWarden({ dataDir: dir })
})
afterAll(async () => {
  await w.stop()
  rmSync(dir, { recursive: true, force: true })
})
beforeEach(async () => {
  await w.reset()
})

const STRONG = 'Train-Models-42'
const NOT_CONFORMING = { name: 'PasswordPolicyViolation', status: 400, message: 'Password does not conform to the account password policy.' }
const REUSED = { name: 'PasswordPolicyViolation', status: 400, message: 'Policy constraint violation with password reuse prevention during password change.' }
const setPolicy = (p: UpdateAccountPasswordPolicyCommandInput) => w.iam().send(new UpdateAccountPasswordPolicyCommand(p))

async function expectPassword(iam: IAMClient, password: string): Promise<void> {
  // ChangePassword to the same value is refused only after the old password matched.
  expect(await errorOf(iam.send(new ChangePasswordCommand({ OldPassword: password, NewPassword: password })))).toEqual(REUSED)
  expect(await errorOf(iam.send(new ChangePasswordCommand({ OldPassword: `${password}x`, NewPassword: 'Whatever-1' }))))
    .toMatchObject({ name: 'AccessDenied', status: 403, message: 'The old password was incorrect.' })
}

describe('login profiles', () => {
  it('creates, reads and deletes a profile; weak passwords and duplicates change nothing', async () => {
    await createUserWithKeys(w, 'alice')
    const iam = w.iam()
    expect(await errorOf(iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'password' })))).toEqual(NOT_CONFORMING)
    expect(await errorOf(iam.send(new GetLoginProfileCommand({ UserName: 'alice' }))))
      .toEqual({ name: 'NoSuchEntity', status: 404, message: 'Login Profile for User alice cannot be found.' })
    const created = await iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: STRONG, PasswordResetRequired: true }))
    expect(created.LoginProfile).toMatchObject({ UserName: 'alice', PasswordResetRequired: true })
    expect(Math.abs(created.LoginProfile!.CreateDate!.getTime() - Date.now())).toBeLessThan(60_000)
    expect((await iam.send(new GetLoginProfileCommand({ UserName: 'ALICE' }))).LoginProfile).toEqual(created.LoginProfile)
    expect(await errorOf(iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Other-Pass-1' }))))
      .toEqual({ name: 'EntityAlreadyExists', status: 409, message: 'Login Profile for user alice already exists.' })
    expect(await errorOf(iam.send(new CreateLoginProfileCommand({ UserName: 'ghost', Password: STRONG }))))
      .toMatchObject({ name: 'NoSuchEntity', message: 'The user with name ghost cannot be found.' })
    expect(await errorOf(iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'x'.repeat(129) })))).toMatchObject({ name: 'ValidationError' })
    expect(await errorOf(iam.send(new CreateLoginProfileCommand({ UserName: 'alice' })))).toMatchObject({ name: 'ValidationError' })

    // The user cannot go while the profile exists.
    const keys = await iam.send(new ListAccessKeysCommand({ UserName: 'alice' }))
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: keys.AccessKeyMetadata![0]!.AccessKeyId! }))
    expect(await errorOf(iam.send(new DeleteUserCommand({ UserName: 'alice' }))))
      .toEqual({ name: 'DeleteConflict', status: 409, message: 'Cannot delete entity, must delete login profile first.' })
    await iam.send(new DeleteLoginProfileCommand({ UserName: 'alice' }))
    expect(await errorOf(iam.send(new DeleteLoginProfileCommand({ UserName: 'alice' })))).toMatchObject({ name: 'NoSuchEntity' })
    await iam.send(new DeleteUserCommand({ UserName: 'alice' }))
  })

  it('a custom policy replaces the default; UpdateLoginProfile resets passwords within it', async () => {
    const alice = await createUserWithKeys(w, 'alice', { inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ChangePassword', Resource: '*' }] } })
    const iam = w.iam()
    await setPolicy({ MinimumPasswordLength: 12, RequireSymbols: true, RequireNumbers: false })
    expect(await errorOf(iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Short-1' })))).toEqual(NOT_CONFORMING)
    // All lower case passes a policy that asks only for length and a symbol.
    await iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'all-lower-case' }))
    await iam.send(new UpdateLoginProfileCommand({ UserName: 'alice', PasswordResetRequired: true }))
    expect((await iam.send(new GetLoginProfileCommand({ UserName: 'alice' }))).LoginProfile?.PasswordResetRequired).toBe(true)
    expect(await errorOf(iam.send(new UpdateLoginProfileCommand({ UserName: 'alice', Password: 'nosymbolhere12' })))).toEqual(NOT_CONFORMING)
    await expectPassword(w.iam(alice.credentials), 'all-lower-case')
    await iam.send(new UpdateLoginProfileCommand({ UserName: 'alice', Password: 'reset-by-admin', PasswordResetRequired: false }))
    expect((await iam.send(new GetLoginProfileCommand({ UserName: 'alice' }))).LoginProfile?.PasswordResetRequired).toBe(false)
    await expectPassword(w.iam(alice.credentials), 'reset-by-admin')
    await createUserWithKeys(w, 'bob')
    expect(await errorOf(iam.send(new UpdateLoginProfileCommand({ UserName: 'bob', PasswordResetRequired: true }))))
      .toMatchObject({ name: 'NoSuchEntity', message: 'Login Profile for User bob cannot be found.' })
  })
})

describe('ChangePassword', () => {
  it('only IAM users change their own password; root and role sessions get InvalidUserType', async () => {
    const invalid = { name: 'InvalidUserType', status: 400, message: 'Only IAM Users can change their own password.' }
    expect(await errorOf(w.iam().send(new ChangePasswordCommand({ OldPassword: 'a', NewPassword: 'b' })))).toEqual(invalid)
    const dev = await createUserWithKeys(w, 'dev', { inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] } })
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: dev.arn }, Action: 'sts:AssumeRole' }] })
    const role = await w.iam().send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }))
    const session = await w.sts(dev.credentials).send(new AssumeRoleCommand({ RoleArn: role.Role!.Arn!, RoleSessionName: 'ss' }))
    const c = session.Credentials!
    const asRole = w.iam({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! })
    expect(await errorOf(asRole.send(new ChangePasswordCommand({ OldPassword: 'a', NewPassword: 'b' })))).toEqual(invalid)
  })

  it('needs iam:ChangePassword unless the policy lets every user change theirs; checks old, new and reuse', async () => {
    const alice = await createUserWithKeys(w, 'alice')
    const iam = w.iam(alice.credentials)
    await w.iam().send(new CreateLoginProfileCommand({ UserName: 'alice', Password: STRONG, PasswordResetRequired: true }))
    expect(await errorOf(iam.send(new ChangePasswordCommand({ OldPassword: STRONG, NewPassword: 'Next-Pass-43' }))))
      .toMatchObject({ name: 'AccessDenied', status: 403, message: `User: ${alice.arn} is not authorized to perform: iam:ChangePassword on resource: ${alice.arn} because no identity-based policy allows the iam:ChangePassword action` })
    await setPolicy({ MinimumPasswordLength: 8, RequireNumbers: true, AllowUsersToChangePassword: true, PasswordReusePrevention: 2 })
    expect(await errorOf(iam.send(new ChangePasswordCommand({ OldPassword: 'Wrong-Pass-1', NewPassword: 'Next-Pass-43' }))))
      .toMatchObject({ name: 'AccessDenied', message: 'The old password was incorrect.' })
    expect(await errorOf(iam.send(new ChangePasswordCommand({ OldPassword: STRONG, NewPassword: 'no-numbers' })))).toEqual(NOT_CONFORMING)
    expect(await errorOf(iam.send(new ChangePasswordCommand({ OldPassword: STRONG, NewPassword: STRONG })))).toEqual(REUSED)
    await iam.send(new ChangePasswordCommand({ OldPassword: STRONG, NewPassword: 'Next-Pass-43' }))
    // A chosen password clears PasswordResetRequired.
    expect((await w.iam().send(new GetLoginProfileCommand({ UserName: 'alice' }))).LoginProfile?.PasswordResetRequired).toBe(false)
    // The two last passwords are remembered: back to the first is refused, a third new one is fine.
    expect(await errorOf(iam.send(new ChangePasswordCommand({ OldPassword: 'Next-Pass-43', NewPassword: STRONG })))).toEqual(REUSED)
    await iam.send(new ChangePasswordCommand({ OldPassword: 'Next-Pass-43', NewPassword: 'Third-Pass-44' }))
    await iam.send(new ChangePasswordCommand({ OldPassword: 'Third-Pass-44', NewPassword: STRONG }))
    await expectPassword(iam, STRONG)
    await w.iam().send(new DeleteLoginProfileCommand({ UserName: 'alice' }))
    expect(await errorOf(iam.send(new ChangePasswordCommand({ OldPassword: STRONG, NewPassword: 'Fourth-Pass-45' }))))
      .toMatchObject({ name: 'NoSuchEntity', message: 'Login Profile for User alice cannot be found.' })
  })

  it('passwords never reach the logs or the database files', async () => {
    const alice = await createUserWithKeys(w, 'alice')
    await setPolicy({ AllowUsersToChangePassword: true })
    const secrets = ['Secret-First-1', 'Secret-Second-2', 'Secret-Refused']
    await w.iam().send(new CreateLoginProfileCommand({ UserName: 'alice', Password: secrets[0] }))
    await w.iam(alice.credentials).send(new ChangePasswordCommand({ OldPassword: secrets[0], NewPassword: secrets[1] }))
    await errorOf(w.iam(alice.credentials).send(new ChangePasswordCommand({ OldPassword: secrets[2], NewPassword: secrets[0] })))
    const logs = w.logs.join('\n')
    const files = readdirSync(dir).map((f) => readFileSync(join(dir, f)).toString('latin1')).join('\n')
    for (const s of secrets) {
      expect(logs).not.toContain(s)
      expect(files).not.toContain(s)
    }
    expect(logs).toContain('ChangePassword')
  })
})
