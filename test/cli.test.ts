/** The `warden serve` and `warden migrate` contracts (DESIGN.md): health, bootstrap credentials, 0600 files, --dev reset, --db. */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { CreateRoleCommand, IAMClient, ListRolesCommand } from '@aws-sdk/client-iam'
import { afterEach, describe, expect, it } from 'vitest'
import { TEST_PG_URL, TestSchema } from '../src/store/postgres/testing/test-database.js'
import { startServerProcess, type ServerProcess } from './helpers/process.js'

const running: ServerProcess[] = []
const dirs: string[] = []
afterEach(() => {
  for (const p of running.splice(0)) p.child.kill('SIGTERM')
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'warden-cli-'))
  dirs.push(d)
  return d
}

async function start(args: string[], env: Record<string, string> = {}): Promise<ServerProcess> {
  const p = await startServerProcess(args, env)
  running.push(p)
  return p
}

describe('warden serve', () => {
  it('generates the account and root credentials once, prints them once, keeps them 0600, reuses them', async () => {
    const data = tempDir()
    const first = await start(['--data', data], { WARDEN_ACCOUNT_ID: '', WARDEN_ROOT_ACCESS_KEY_ID: '', WARDEN_ROOT_SECRET_ACCESS_KEY: '' })
    const health = await fetch(`${first.endpoint}/health`)
    expect(health.status).toBe(200)
    const printed = first.stdout()
    const key = /AWS_ACCESS_KEY_ID=(AKIA[A-Z0-9]{16})/.exec(printed)?.[1]
    const secret = /AWS_SECRET_ACCESS_KEY=([A-Za-z0-9+/]{40})/.exec(printed)?.[1]
    expect(key && secret).toBeTruthy()
    for (const f of ['root-credentials.json', 'master.key']) expect(statSync(join(data, f)).mode & 0o777).toBe(0o600)
    // The secret is sealed at rest, never stored in clear.
    expect(readFileSync(join(data, 'root-credentials.json'), 'utf8')).not.toContain(secret!)
    const who = await new STSClient({ endpoint: first.endpoint, region: 'us-east-1', credentials: { accessKeyId: key!, secretAccessKey: secret! } }).send(new GetCallerIdentityCommand({}))
    expect(who.Arn).toMatch(/^arn:aws:iam::\d{12}:root$/)
    first.child.kill('SIGTERM')
    await new Promise((r) => first.child.once('exit', r))

    const second = await start(['--data', data], { WARDEN_ACCOUNT_ID: '', WARDEN_ROOT_ACCESS_KEY_ID: '', WARDEN_ROOT_SECRET_ACCESS_KEY: '' })
    expect(second.stdout()).not.toContain('AWS_SECRET_ACCESS_KEY')
    const again = await new STSClient({ endpoint: second.endpoint, region: 'us-east-1', credentials: { accessKeyId: key!, secretAccessKey: secret! } }).send(new GetCallerIdentityCommand({}))
    expect(again.Account).toBe(who.Account)
  })

  it('takes the account and root keys from the environment, and --dev reset empties the account', async () => {
    const env = { WARDEN_ACCOUNT_ID: '210987654321', WARDEN_ROOT_ACCESS_KEY_ID: 'AKIACLITESTROOT00001', WARDEN_ROOT_SECRET_ACCESS_KEY: 'cliTestRootSecret0000000000000000000000' }
    const p = await start(['--data', tempDir(), '--dev'], env)
    const credentials = { accessKeyId: env.WARDEN_ROOT_ACCESS_KEY_ID, secretAccessKey: env.WARDEN_ROOT_SECRET_ACCESS_KEY }
    const iam = new IAMClient({ endpoint: p.endpoint, region: 'us-east-1', credentials })
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }))
    expect((await iam.send(new ListRolesCommand({}))).Roles).toHaveLength(1)
    expect((await fetch(`${p.endpoint}/_warden/reset`, { method: 'POST' })).status).toBe(200)
    expect((await iam.send(new ListRolesCommand({}))).Roles).toHaveLength(0)
    const who = await new STSClient({ endpoint: p.endpoint, region: 'us-east-1', credentials }).send(new GetCallerIdentityCommand({}))
    expect(who.Account).toBe('210987654321')
  })

  it('has no reset route without --dev', async () => {
    const p = await start(['--data', tempDir()], { WARDEN_ACCOUNT_ID: '210987654321', WARDEN_ROOT_ACCESS_KEY_ID: 'AKIACLITESTROOT00001', WARDEN_ROOT_SECRET_ACCESS_KEY: 'x'.repeat(40) })
    expect((await fetch(`${p.endpoint}/_warden/reset`, { method: 'POST' })).status).toBe(404)
  })
})

describe('warden on PostgreSQL (--db)', () => {
  const noRootEnv = { WARDEN_ACCOUNT_ID: '', WARDEN_ROOT_ACCESS_KEY_ID: '', WARDEN_ROOT_SECRET_ACCESS_KEY: '' }

  it('warden migrate applies the schema and reports the version, for SQLite in --data and for --db', async () => {
    const run = (args: string[]) => spawnSync(process.execPath, ['bin/warden', 'migrate', ...args], { encoding: 'utf8' })
    const data = tempDir()
    expect(run(['--data', data]).stdout).toMatch(/^SQLite .*warden\.db: migrated from schema version 0 to \d+$/m)
    expect(run(['--data', data]).stdout).toMatch(/already at schema version \d+/)
    const schema = new TestSchema()
    try {
      const first = run(['--db', TEST_PG_URL, '--db-schema', schema.name])
      expect(first.status, first.stderr).toBe(0)
      expect(first.stdout).toContain(`(schema ${schema.name}): migrated from schema version 0 to`)
      expect(run(['--db', TEST_PG_URL, '--db-schema', schema.name]).stdout).toMatch(/already at schema version \d+/)
    } finally {
      await schema.drop()
    }
    const down = run(['--db', 'postgres://postgres@127.0.0.1:1/test'])
    expect(down.status).toBe(1)
    expect(down.stderr).toMatch(/^warden migrate: .*cannot be reached.*ECONNREFUSED/m)
  })

  it('root credentials are created once in the database and shared by a second server with the same master key', async () => {
    const schema = new TestSchema()
    try {
      const masterKey = randomBytes(32).toString('base64')
      const db = ['--db', TEST_PG_URL, '--db-schema', schema.name]
      const first = await start(['--data', tempDir(), ...db], { ...noRootEnv, WARDEN_MASTER_KEY: masterKey })
      expect(first.stdout()).toContain('kept in the database, secret sealed with the master key')
      expect(first.stdout()).toContain(`(PostgreSQL ${TEST_PG_URL} (schema ${schema.name}))`)
      const key = /AWS_ACCESS_KEY_ID=(AKIA[A-Z0-9]{16})/.exec(first.stdout())?.[1]
      const secret = /AWS_SECRET_ACCESS_KEY=([A-Za-z0-9+/]{40})/.exec(first.stdout())?.[1]
      const second = await start(['--data', tempDir(), ...db], { ...noRootEnv, WARDEN_MASTER_KEY: masterKey })
      expect(second.stdout()).not.toContain('AWS_SECRET_ACCESS_KEY')
      const who = await new STSClient({ endpoint: second.endpoint, region: 'us-east-1', credentials: { accessKeyId: key!, secretAccessKey: secret! } })
        .send(new GetCallerIdentityCommand({}))
      expect(who.Arn).toMatch(/^arn:aws:iam::\d{12}:root$/)
      const other = spawnSync(process.execPath, ['bin/warden', 'serve', '--port', '0', '--data', tempDir(), ...db], {
        encoding: 'utf8', env: { ...process.env, ...noRootEnv, WARDEN_MASTER_KEY: randomBytes(32).toString('base64') }, timeout: 30_000
      })
      expect(other.status).toBe(1)
      expect(other.stderr).toContain('every server on one database must run with the same WARDEN_MASTER_KEY')
    } finally {
      for (const p of running.splice(0)) {
        const exited = new Promise((r) => p.child.once('exit', r))
        p.child.kill('SIGTERM')
        await exited
      }
      await schema.drop()
    }
  })
})
