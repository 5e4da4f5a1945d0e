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
import { startServerProcess } from './helpers/process.js'

const env = {
  WARDEN_ACCOUNT_ID: '111122223333',
  WARDEN_ROOT_ACCESS_KEY_ID: 'AKIASEEDSUITEROOT001',
  WARDEN_ROOT_SECRET_ACCESS_KEY: 'seedSuiteRootSecret000000000000000000000'
}
let server: { child: ChildProcess; endpoint: string }
let dataDir: string

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'warden-seeds-'))
  server = await startServerProcess(['--dev', '--data', dataDir], env)
}, 60_000)

afterAll(() => {
  server?.child.kill('SIGTERM')
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
