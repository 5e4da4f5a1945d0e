/**
 * The seed-guide acceptance suite (test/seeds: pytest with boto3 and the aws CLI, replaying
 * the five guides in ../shared/seeds) against a real `warden serve --dev` process. It fails,
 * never skips, when the suite fails.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { TEST_PG_URL, TestSchema } from '../src/store/postgres/testing/test-database.js'
import { startServerProcess } from './helpers/process.js'
import { defaultTestDb } from './helpers/warden.js'

const env = {
  WARDEN_ACCOUNT_ID: '111122223333',
  WARDEN_ROOT_ACCESS_KEY_ID: 'AKIASEEDSUITEROOT001',
  WARDEN_ROOT_SECRET_ACCESS_KEY: 'seedSuiteRootSecret000000000000000000000'
}
let server: { child: ChildProcess; endpoint: string }
let dataDir: string
// The e2e-postgres vitest project runs this file again on PostgreSQL, in a schema of its own.
const schema = defaultTestDb() === 'postgres' ? new TestSchema() : undefined

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'warden-seeds-'))
  const db = schema ? ['--db', TEST_PG_URL, '--db-schema', schema.name] : []
  server = await startServerProcess(['--dev', '--data', dataDir, ...db], env)
}, 60_000)

afterAll(async () => {
  if (server && server.child.exitCode === null) {
    const exited = new Promise((r) => server.child.once('exit', r))
    server.child.kill('SIGTERM')
    await exited
  }
  await schema?.drop()
  rmSync(dataDir, { recursive: true, force: true })
})

it('replays the five seed guides with boto3 and the aws CLI', async () => {
  const child = spawn('bash', ['test/seeds/run.sh', '-q', '-rA'], {
    env: { ...process.env, ...env, WARDEN_ENDPOINT: server.endpoint },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  if (code !== 0) console.error(output)
  expect(code, 'the seed-guide suite failed; its output is above').toBe(0)
  // -rA lists every test: the suite must have run, not been deselected away.
  const passed = output.match(/^PASSED /gm)?.length ?? 0
  console.log(`seed-guide suite: ${passed} passed`)
  expect(passed).toBeGreaterThanOrEqual(80)
}, 240_000)
