/**
 * `npm run seed:scale` (scripts/seed-scale.ts) on a small scale, as a real child process,
 * then a server on what it wrote: the seeded keys sign requests, the attached policies
 * allow GetRole and AssumeRole on the seeded roles, List calls page through them, and a
 * second run is refused. Runs on SQLite and (project e2e-postgres) on PostgreSQL.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { GetRoleCommand, ListPoliciesCommand, ListRolesCommand, ListUsersCommand } from '@aws-sdk/client-iam'
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_PG_URL, TestSchema } from '../../src/store/postgres/testing/test-database.js'
import { defaultTestDb, startWarden, TEST_ACCOUNT_ID, TEST_ROOT, type RunningWarden } from '../helpers/warden.js'

const run = promisify(execFile)
const db = defaultTestDb()
const dataDir = mkdtempSync(join(tmpdir(), 'warden-seed-'))
const schema = db === 'postgres' ? new TestSchema() : undefined
const ENV = { ...process.env, WARDEN_ACCOUNT_ID: TEST_ACCOUNT_ID, WARDEN_ROOT_ACCESS_KEY_ID: TEST_ROOT.accessKeyId, WARDEN_ROOT_SECRET_ACCESS_KEY: TEST_ROOT.secretAccessKey, WARDEN_MASTER_KEY: '' }
const dbArgs = ['--data', dataDir, ...(schema ? ['--db', TEST_PG_URL, '--db-schema', schema.name] : [])]
const seed = (...extra: string[]) => run('npx', ['tsx', 'scripts/seed-scale.ts', ...dbArgs, ...extra], { env: ENV })

let w: RunningWarden
let keys: { userName: string; accessKeyId: string; secretAccessKey: string }[]

beforeAll(async () => {
  const { stdout } = await seed('--roles', '30', '--policies', '25', '--users', '6', '--batch', '7', '--concurrency', '2')
  expect(stdout).toMatch(/seeded .*: 30 roles, 25 policies, 6 users with access keys in [\d.]+ s/)
  const file = join(dataDir, 'scale-keys.csv')
  expect(statSync(file).mode & 0o777).toBe(0o600)
  keys = readFileSync(file, 'utf8').trim().split('\n').map((l) => {
    const [userName, accessKeyId, secretAccessKey] = l.split(',') as [string, string, string]
    return { userName, accessKeyId, secretAccessKey }
  })
  w = await startWarden({ dataDir, ...(schema ? { db: 'postgres', postgres: { schema: schema.name } } : { db: 'sqlite' }) })
}, 120_000)

afterAll(async () => {
  await w?.stop()
  await schema?.drop()
})

describe(`seed:scale on ${db}`, () => {
  it('writes one working access key per user', async () => {
    expect(keys.map((k) => k.userName)).toEqual(['000000', '000001', '000002', '000003', '000004', '000005'].map((n) => `scale-user-${n}`))
    for (const k of [keys[0]!, keys[5]!]) {
      const me = await w.sts(k).send(new GetCallerIdentityCommand({}))
      expect(me.Arn).toBe(`arn:aws:iam::${TEST_ACCOUNT_ID}:user/scale/${k.userName}`)
    }
  })

  it('attaches policies that allow GetRole and AssumeRole on the seeded roles', async () => {
    const k = keys[3]!
    const role = await w.iam(k).send(new GetRoleCommand({ RoleName: 'scale-role-000029' }))
    expect(role.Role!.Arn).toBe(`arn:aws:iam::${TEST_ACCOUNT_ID}:role/scale/scale-role-000029`)
    const assumed = await w.sts(k).send(new AssumeRoleCommand({ RoleArn: role.Role!.Arn!, RoleSessionName: 'seeded' }))
    expect(assumed.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${TEST_ACCOUNT_ID}:assumed-role/scale-role-000029/seeded`)
    // A user past the seeded policies (6 users, 25 policies: all have one) is still refused what no policy allows.
    await expect(w.iam(k).send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' })
  })

  it('pages through the seeded entities', async () => {
    const names: string[] = []
    let marker: string | undefined
    do {
      const page = await w.iam().send(new ListRolesCommand({ PathPrefix: '/scale/', MaxItems: 7, Marker: marker }))
      names.push(...page.Roles!.map((r) => r.RoleName!))
      marker = page.IsTruncated ? page.Marker : undefined
    } while (marker)
    expect(names).toHaveLength(30)
    expect(names[0]).toBe('scale-role-000000')
    const attached = await w.iam().send(new ListPoliciesCommand({ Scope: 'Local', OnlyAttached: true, MaxItems: 1000 }))
    expect(attached.Policies!.map((p) => [p.PolicyName, p.AttachmentCount])).toContainEqual(['scale-policy-000003', 2])
    expect(attached.Policies!.find((p) => p.PolicyName === 'scale-policy-000020')?.AttachmentCount).toBe(1)
    expect(attached.Policies).toHaveLength(25)
  })

  it('refuses to seed a database twice', async () => {
    const err = await seed('--roles', '1', '--policies', '1', '--users', '0').then(() => undefined, (e: { code: number; stderr: string }) => e)
    expect(err?.code).toBe(1)
    expect(err?.stderr).toMatch(/is seeded already \(role scale-role-000000 exists\)/)
  }, 90_000)
})
