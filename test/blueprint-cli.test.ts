/**
 * The blueprint verbs and `warden configure` as real processes (bin/warden) against a real
 * `warden serve`, with the aws CLI and boto3 reading the profiles configure writes, and the
 * administrator's commands from `warden request` run with the aws CLI.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runProcess, runWarden, startServerProcess, type ServerProcess } from './helpers/process.js'

const ENV = { WARDEN_ACCOUNT_ID: '444455556666', WARDEN_ROOT_ACCESS_KEY_ID: 'AKIACLIBLUEPRINTS001', WARDEN_ROOT_SECRET_ACCESS_KEY: 'cliBlueprintRootSecret000000000000000000' }
const ROOT = { AWS_ACCESS_KEY_ID: ENV.WARDEN_ROOT_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: ENV.WARDEN_ROOT_SECRET_ACCESS_KEY, AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1' }
// No stray profile, endpoint or credentials of the machine running the tests.
const CLEAN = { AWS_PROFILE: undefined, AWS_ENDPOINT_URL: undefined, AWS_ENDPOINT_URL_IAM: undefined, AWS_ENDPOINT_URL_STS: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined }

let server: ServerProcess
let dir: string
let home: string
let dataDir: string
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warden-bp-cli-'))
  home = join(dir, 'home')
  dataDir = join(dir, 'data')
  server = await startServerProcess(['--dev', '--data', dataDir], ENV)
}, 60_000)
afterAll(() => {
  server?.child.kill('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
})

/** The environment of a user whose AWS files are in the temp HOME (never the real one). */
const asProfile = () => ({ ...CLEAN, HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials') })
/** bin/warden as that user, with root credentials in the environment. */
const warden = (args: string[], env: Record<string, string | undefined> = {}) => runWarden(args, { env: { ...asProfile(), ...ROOT, ...env } })

it('bin/warden: help and usage errors through the real command', async () => {
  const [help, usage] = await Promise.all([warden(['apply', '--help']), warden(['plan'])])
  expect([help.code, usage.code]).toEqual([0, 2])
  expect(help.stdout).toContain('examples:')
  expect(usage.stderr).toContain('warden plan: missing FILE or NAME of a blueprint')
})

describe('apply, plan and destroy against warden serve', () => {
  it('apply creates, the profiles configure writes work with the aws CLI and boto3 (assuming the role), plan through the profile is empty, destroy removes it all', async () => {
    const applied = await warden(['apply', 'ec2-training', '--endpoint', server.endpoint, '--set', 'bucket=cli-ckpt', '--json'])
    expect(applied.code, applied.stderr).toBe(0)
    const out = JSON.parse(applied.stdout) as { applied: boolean; result: { calls: number; accessKeys: { userName: string; accessKeyId: string; secretAccessKey: string }[] } }
    expect(out.applied).toBe(true)
    expect(out.result.calls).toBe(8)
    expect(applied.stderr).toContain('[8/8] add role EC2-Training-Role to instance profile EC2-Training-Role ... ok')
    // Colour only on a terminal: none here.
    expect(applied.stderr).not.toContain('\u001b[')


    // configure: a profile for the new user and one that assumes the training role.
    const key = out.result.accessKeys[0]!
    const configured = await runWarden(['configure', '--endpoint', server.endpoint, '--profile', 'trainer', '--access-key-id', key.accessKeyId, '--role', 'EC2-Training-Role'], {
      env: { ...asProfile(), AWS_SECRET_ACCESS_KEY: key.secretAccessKey }
    })
    expect(configured.code, configured.stderr).toBe(0)
    expect(statSync(join(home, '.aws', 'credentials')).mode & 0o777).toBe(0o600)
    const [who, py] = await Promise.all([
      runProcess('aws', ['--profile', 'trainer-EC2-Training-Role', 'sts', 'get-caller-identity', '--output', 'json'], { env: asProfile() }),
      runProcess('python3', ['-c', [
      'import boto3, botocore.exceptions',
      "s = boto3.Session(profile_name='trainer-EC2-Training-Role')",
      "print(s.client('sts').get_caller_identity()['Arn'])",
      'try:',
      "    s.client('iam').create_user(UserName='intruder'); print('created')",
      'except botocore.exceptions.ClientError as e:',
      "    print(e.response['Error']['Code'])"
    ].join('\n')], { env: asProfile() })
    ])
    expect(who.code, who.stderr).toBe(0)
    expect(JSON.parse(who.stdout).Arn).toMatch(/^arn:aws:sts::444455556666:assumed-role\/EC2-Training-Role\//)
    expect(py.code, py.stderr).toBe(0)
    expect(py.stdout.trim().split('\n')).toEqual([expect.stringMatching(/assumed-role\/EC2-Training-Role\//), 'AccessDenied'])

    // The root profile from the data dir; --profile alone then finds the endpoint.
    expect((await runWarden(['configure', '--data', dataDir, '--endpoint', server.endpoint], { env: asProfile() })).code).toBe(0)
    const viaProfile = await runWarden(['plan', 'ec2-training', '--profile', 'warden', '--set', 'bucket=cli-ckpt'], { env: asProfile() })
    expect(viaProfile.code, viaProfile.stderr).toBe(0)
    expect(viaProfile.stdout).toContain('No changes')

    const destroyed = await warden(['destroy', 'ec2-training', '--endpoint', server.endpoint, '--yes'])
    expect(destroyed.code, destroyed.stderr).toBe(0)
    expect(destroyed.stdout).toContain('Destroyed: 8 IAM calls')
  }, 90_000)
})

describe('warden request', () => {
  it('writes the Markdown and documents whose aws commands, run by an administrator, create exactly the blueprint', async () => {
    const out = join(dir, 'request')
    const r = await warden(['request', 'ec2-training', '--account', '444455556666', '--set', 'user=alice', '--set', 'bucket=alice-data', '--out', out])
    expect(r.code, r.stderr).toBe(0)
    const md = readFileSync(join(out, 'REQUEST.md'), 'utf8')
    expect(md).toContain('| role | `EC2-Training-Role` | `arn:aws:iam::444455556666:role/EC2-Training-Role`; trusted by `arn:aws:iam::444455556666:user/alice`, `ec2.amazonaws.com` |')
    const commands = /## Commands[\s\S]*?```sh\n([\s\S]*?)```/.exec(md)![1]!.trim()
    expect(commands.split('\n')).toHaveLength(8)
    // The real aws CLI, one interpreter for all eight commands (each its own driver, as a shell would run them).
    const script = ['import shlex, sys', 'from awscli.clidriver import create_clidriver', 'for line in sys.stdin.read().splitlines():', '    rc = create_clidriver().main(shlex.split(line)[1:])', '    if rc: sys.exit(rc)'].join('\n')
    const admin = await runProcess('python3', ['-c', script], {
      input: commands,
      cwd: out,
      env: { ...asProfile(), ...ROOT, AWS_ENDPOINT_URL: server.endpoint }
    })
    expect(admin.code, admin.stderr).toBe(0)
    const plan = await warden(['plan', 'ec2-training', '--endpoint', server.endpoint, '--set', 'user=alice', '--set', 'bucket=alice-data'])
    expect(plan.code, plan.stderr).toBe(0)
    expect(plan.stdout).toContain('No changes')
    expect((await warden(['destroy', 'ec2-training', '--endpoint', server.endpoint])).code).toBe(0)
  }, 60_000)
})
