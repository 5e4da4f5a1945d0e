/**
 * `warden import` and `warden export` as real processes: a realistic generated snapshot
 * round-trips, a broken file changes nothing, and what `aws iam
 * get-account-authorization-details` prints for a Warden account imports into a fresh data
 * directory that then exports the same bytes.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import {
  AddRoleToInstanceProfileCommand, AddUserToGroupCommand, AttachGroupPolicyCommand, AttachRolePolicyCommand, CreateGroupCommand,
  CreateInstanceProfileCommand, CreatePolicyCommand, CreatePolicyVersionCommand, CreateRoleCommand, CreateUserCommand,
  PutGroupPolicyCommand, PutRolePolicyCommand, PutUserPermissionsBoundaryCommand, PutUserPolicyCommand, TagInstanceProfileCommand
} from '@aws-sdk/client-iam'
import { AssumeRoleCommand } from '@aws-sdk/client-sts'
import { afterAll, describe, expect, it } from 'vitest'
import { generateSnapshot, withoutAwsManagedContent } from './helpers/snapshot-generator.js'
import { createUserWithKeys, startWarden } from './helpers/warden.js'

const run = promisify(execFile)
const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'warden-snapshot-'))
  dirs.push(d)
  return d
}

const CHILD_ENV = { ...process.env, WARDEN_ACCOUNT_ID: '', WARDEN_ROOT_ACCESS_KEY_ID: '', WARDEN_ROOT_SECRET_ACCESS_KEY: '', WARDEN_MASTER_KEY: '' }

/** Runs `bin/warden ...args`; resolves with its exit code and output (never rejects on a non-zero exit). */
async function warden(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/warden', ...args], { env: CHILD_ENV, maxBuffer: 256 * 1024 * 1024 })
    return { code: 0, stdout, stderr }
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string }
    return { code: err.code ?? 1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' }
  }
}

type Obj = Record<string, unknown>


describe('warden import / export', () => {
  it('imports a realistic snapshot (300 roles, 150 customer policies) and exports it identically', async () => {
    const file = generateSnapshot({ roles: 300, seed: 42 })
    expect(file.RoleDetailList).toHaveLength(300)
    expect(file.Policies.filter((p) => !String(p.Arn).includes(':aws:policy/')).length).toBe(150)
    const dir = tempDir()
    const input = join(dir, 'account.json')
    writeFileSync(input, JSON.stringify(file, null, 4))
    const data = join(dir, 'data')
    const imported = await warden('import', input, '--data', data)
    expect(imported.code, imported.stderr).toBe(0)
    expect(imported.stdout).toMatch(/^imported account 210987654321 into .*: 30 users, 12 groups, 300 roles, 150 customer managed policies \(\d+ versions\), \d+ instance profiles\n/)
    expect(imported.stdout).toMatch(/AWS_SECRET_ACCESS_KEY=/)
    const output = join(dir, 'export.json')
    expect((await warden('export', output, '--data', data)).code).toBe(0)
    const exported = JSON.parse(readFileSync(output, 'utf8')) as Obj
    // (Re-importing an export gives the same bytes: src/snapshot/snapshot.test.ts and the aws CLI case below.)
    expect(withoutAwsManagedContent(exported)).toEqual(withoutAwsManagedContent(file))
  }, 120_000)

  it('a broken or conflicting file is refused with its JSON paths and changes nothing', async () => {
    const file = generateSnapshot({ roles: 20, seed: 5 }) as unknown as Obj
    const dir = tempDir()
    const broken = structuredClone(file)
    const role = (broken.RoleDetailList as Obj[])[3]!
    role.AssumeRolePolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] }
    ;(broken.UserDetailList as Obj[])[1]!.GroupList = ['missing-group']
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(broken))

    // Into a directory that does not exist yet: nothing is created.
    const fresh = join(dir, 'fresh')
    const refused = await warden('import', join(dir, 'broken.json'), '--data', fresh)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('$.RoleDetailList[3].AssumeRolePolicyDocument: MalformedPolicyDocument')
    expect(refused.stderr).toContain('nothing was changed.')
    expect(existsSync(fresh)).toBe(false)

    // Into an account that already has data: its export is unchanged afterwards.
    writeFileSync(join(dir, 'good.json'), JSON.stringify(file))
    const data = join(dir, 'data')
    expect((await warden('import', join(dir, 'good.json'), '--data', data)).code).toBe(0)
    const before = (await warden('export', '--data', data)).stdout
    expect((await warden('import', join(dir, 'broken.json'), '--data', data)).code).toBe(1)
    const twice = await warden('import', join(dir, 'good.json'), '--data', data)
    expect(twice.code).toBe(1)
    expect(twice.stderr).toContain('the account already holds users')
    expect((await warden('export', '--data', data)).stdout).toBe(before)
    expect(await warden('export', '--data', join(dir, 'nowhere'))).toMatchObject({ code: 1, stderr: expect.stringContaining('holds no Warden data') })
  }, 120_000)

  it("imports what `aws iam get-account-authorization-details` prints for Warden's account, identically", async () => {
    const dataDir = tempDir()
    const w = await startWarden({ dataDir: join(dataDir, 'server') })
    try {
      const iam = w.iam()
      const doc = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] })
      const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${w.accountId}:root` }, Action: 'sts:AssumeRole' }] })
      const boundary = await iam.send(new CreatePolicyCommand({ PolicyName: 'boundary', Path: '/b/', PolicyDocument: doc('s3:*') }))
      const data = await iam.send(new CreatePolicyCommand({ PolicyName: 'data', PolicyDocument: doc('s3:GetObject'), Description: 'datasets' }))
      await iam.send(new CreatePolicyVersionCommand({ PolicyArn: data.Policy!.Arn, PolicyDocument: doc('s3:Get*'), SetAsDefault: false }))
      await iam.send(new CreatePolicyVersionCommand({ PolicyArn: data.Policy!.Arn, PolicyDocument: doc('s3:List*'), SetAsDefault: true }))
      await iam.send(new CreateGroupCommand({ GroupName: 'Analysts', Path: '/teams/' }))
      await iam.send(new PutGroupPolicyCommand({ GroupName: 'Analysts', PolicyName: 'athena', PolicyDocument: doc('athena:*') }))
      await iam.send(new AttachGroupPolicyCommand({ GroupName: 'Analysts', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }))
      await iam.send(new CreateUserCommand({ UserName: 'dana', Tags: [{ Key: 'team', Value: 'ml' }] }))
      await iam.send(new AddUserToGroupCommand({ GroupName: 'Analysts', UserName: 'dana' }))
      await iam.send(new PutUserPolicyCommand({ UserName: 'dana', PolicyName: 'own', PolicyDocument: doc('sagemaker:Describe*') }))
      await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'dana', PermissionsBoundary: boundary.Policy!.Arn }))
      for (let i = 0; i < 12; i++) {
        const name = `role-${String(i).padStart(2, '0')}`
        await iam.send(new CreateRoleCommand({ RoleName: name, Path: i % 2 ? '/ml/' : '/', AssumeRolePolicyDocument: trust, Description: `role ${i}`, MaxSessionDuration: 3600 + i * 600, PermissionsBoundary: i % 3 === 0 ? boundary.Policy!.Arn : undefined, Tags: i % 4 === 0 ? [{ Key: 'team', Value: 'ml' }] : undefined }))
        await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: i % 2 ? data.Policy!.Arn : 'arn:aws:iam::aws:policy/ReadOnlyAccess' }))
        if (i % 3 === 1) await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'logs', PolicyDocument: doc('logs:*') }))
        if (i % 4 === 2) {
          await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: `${name}-profile`, Path: '/ml/' }))
          await iam.send(new TagInstanceProfileCommand({ InstanceProfileName: `${name}-profile`, Tags: [{ Key: 'env', Value: 'dev' }] }))
          await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: `${name}-profile`, RoleName: name }))
        }
      }
      // A role that has been used carries RoleLastUsed.
      const caller = await createUserWithKeys(w, 'caller', { inlinePolicy: JSON.parse(doc('sts:AssumeRole')) })
      await w.sts(caller.credentials).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${w.accountId}:role/role-00`, RoleSessionName: 'session' }))

      const env = { ...process.env, AWS_ACCESS_KEY_ID: w.root.accessKeyId, AWS_SECRET_ACCESS_KEY: w.root.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' }
      let printed = ''
      for (let i = 0; i < 50; i++) {
        printed = (await run('aws', ['--endpoint-url', w.endpoint, 'iam', 'get-account-authorization-details', '--page-size', '5'], { env })).stdout
        if (printed.includes('"LastUsedDate"')) break
        await new Promise((r) => setTimeout(r, 50))
      }
      expect(printed).toContain('"LastUsedDate"')
      const file = join(dataDir, 'aws-cli.json')
      writeFileSync(file, printed)
      const target = join(dataDir, 'imported')
      const imported = await warden('import', file, '--data', target)
      expect(imported.code, imported.stderr).toBe(0)
      expect(imported.stdout).toContain(`imported account ${w.accountId}`)
      expect((await warden('export', '--data', target)).stdout).toBe(printed)
    } finally {
      await w.stop()
    }
  }, 120_000)
})
