/**
 * The warden verbs in-process (main(), output captured): help on every verb, exit codes,
 * errors naming lines, blueprint list/show/init, and plan/apply/destroy against an
 * in-process server. test/blueprint-cli.test.ts runs the same through bin/warden processes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CreateRoleCommand, ListPoliciesCommand } from '@aws-sdk/client-iam'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { startWarden, type RunningWarden } from '../../test/helpers/warden.js'
import { main } from './main.js'

let w: RunningWarden
let dir: string
beforeAll(async () => {
  w = await startWarden()
  dir = mkdtempSync(join(tmpdir(), 'warden-cli-unit-'))
})
beforeEach(async () => {
  await w.reset()
})
afterAll(async () => {
  await w.stop()
  rmSync(dir, { recursive: true, force: true })
})

/** Runs `warden ...args` in-process with root credentials; returns exit code and output. */
async function warden(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  // Changed in place and put back: the SDK may hold on to the process.env object itself.
  const set: Record<string, string | undefined> = { AWS_ACCESS_KEY_ID: w.root.accessKeyId, AWS_SECRET_ACCESS_KEY: w.root.secretAccessKey, AWS_REGION: 'us-east-1', AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), AWS_PROFILE: undefined, AWS_ENDPOINT_URL: undefined, ...env }
  const saved = Object.fromEntries(Object.keys(set).map((k) => [k, process.env[k]]))
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
  apply(set)
  let stdout = ''
  let stderr = ''
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c) => ((stdout += String(c)), true))
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c) => ((stderr += String(c)), true))
  try {
    const code = await main(args)
    return { code, stdout, stderr }
  } finally {
    o.mockRestore()
    e.mockRestore()
    apply(saved)
  }
}

describe('help and usage', () => {
  it('every verb has --help with examples and the exit codes', async () => {
    for (const verb of ['configure', 'blueprint', 'plan', 'apply', 'destroy', 'request']) {
      const r = await warden([verb, '--help'])
      expect(r.code, verb).toBe(0)
      expect(r.stdout).toContain(`usage: warden ${verb}`)
      expect(r.stdout).toContain('examples:')
      expect(r.stdout).toContain('exit codes: 0 ok, 1 operation failed (lint: findings at or above --fail-on), 2 usage error, 3 invalid blueprint, 4 conflict')
    }
    expect((await warden(['--help'])).stdout).toContain('request     write the Markdown request for an administrator')
  })

  it('usage errors exit 2 and say what to do', async () => {
    const cases: [string[], string][] = [
      [['plan'], 'missing FILE or NAME of a blueprint'],
      [['plan', 'no-such-blueprint'], 'built-ins: batch-workflow, ec2-training, ml-team-rbac, sagemaker-training'],
      [['apply', 'ec2-training', '--set', 'bukket=x'], 'unknown parameter `bukket` for blueprint `ec2-training`'],
      [['apply', 'ec2-training', '--set', 'bucket'], '--set takes NAME=VALUE'],
      [['plan', 'sagemaker-training', '--set', 'create_developer=maybe'], '`create_developer` takes true or false'],
      [['destroy', 'ec2-training', '--frobnicate'], "Unknown option '--frobnicate'"],
      [['blueprint', 'frob'], 'unknown subcommand `frob`'],
      [['request', 'ec2-training', '--account', '12'], '--account takes a 12-digit account id'],
      [['configure', '--profile', 'x', '--endpoint', 'http://127.0.0.1:9'], 'profile `x` has no credentials yet'],
      [['toString'], 'unknown command "toString"']
    ]
    for (const [args, message] of cases) {
      const r = await warden(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr, args.join(' ')).toContain(message)
    }
  })

  it('a broken blueprint file: every problem with FILE:LINE:COLUMN, exit 3, before any call', async () => {
    const file = join(dir, 'broken.yaml')
    writeFileSync(file, 'blueprint: broken\ndescription: d\nroles:\n  - name: r\n    trust:\n      Version: "2012-10-17"\n      Statement:\n        - Effect: Alow\n          Principal: {Service: ec2.amazonaws.com}\n          Action: sts:AssumeRole\n    managed_policies: [nope]\n')
    const r = await warden(['plan', file, '--endpoint', 'http://127.0.0.1:9'])
    expect(r.code).toBe(3)
    expect(r.stderr.trim().split('\n')).toEqual([
      `warden plan: ${file} is not a valid blueprint (2 problems)`,
      `${file}:8:19: trust policy: Syntax errors in policy.: \`Effect\` must be "Allow" or "Deny"`,
      `${file}:11:24: unknown policy \`nope\`: declare it under \`policies\` or give its ARN`
    ])
  })

  it('blueprint list, show, init and schema', async () => {
    const list = JSON.parse((await warden(['blueprint', 'list', '--json'])).stdout) as { name: string; guide: string }[]
    expect(list.map((b) => b.name)).toEqual(['batch-workflow', 'ec2-training', 'ml-team-rbac', 'sagemaker-training'])
    expect((await warden(['blueprint', 'show', 'sagemaker-training'])).stdout).toContain('bucket             string   default "vessel-segmentation-data"')
    const copy = join(dir, 'mine.yaml')
    expect((await warden(['blueprint', 'init', 'ml-team-rbac', '--out', copy])).code).toBe(0)
    expect(readFileSync(copy, 'utf8')).toContain('blueprint: ml-team-rbac')
    const again = await warden(['blueprint', 'init', 'ml-team-rbac', '--out', copy])
    expect([again.code, again.stderr]).toEqual([1, `warden blueprint: ${copy} exists; pass --force to overwrite it\n`])
    expect(JSON.parse((await warden(['blueprint', 'schema'])).stdout).title).toBe('Warden blueprint')
  })
})

describe('configure', () => {
  it('adds the profile next to the others, keeps comments, backs up what it changes, and changes nothing the second time', async () => {
    const config = join(dir, 'config')
    const credentials = join(dir, 'credentials')
    const before = '# team settings\n[default]\nregion = eu-west-1\n\n[profile work]\n# do not touch\nregion = us-west-2\n'
    writeFileSync(config, before)
    writeFileSync(credentials, '[work]\naws_access_key_id = AKIAWORK\naws_secret_access_key = work\n')
    const args = ['configure', '--endpoint', w.endpoint, '--access-key-id', w.root.accessKeyId, '--role', 'trainer', '--json']
    const env = { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_SECRET_ACCESS_KEY: w.root.secretAccessKey }
    const first = await warden(args, env)
    expect(first.code, first.stderr).toBe(0)
    expect(JSON.parse(first.stdout).identity.arn).toBe(`arn:aws:iam::${w.accountId}:root`)
    const written = readFileSync(config, 'utf8')
    expect(written.startsWith(before)).toBe(true)
    expect(written.slice(before.length)).toBe(
      `\n[profile warden]\nregion = us-east-1\nservices = warden\n\n[services warden]\niam =\n  endpoint_url = ${w.endpoint}\nsts =\n  endpoint_url = ${w.endpoint}\n\n` +
        `[profile warden-trainer]\nrole_arn = arn:aws:iam::${w.accountId}:role/trainer\nsource_profile = warden\nregion = us-east-1\nservices = warden\n`
    )
    expect(readFileSync(`${config}.bak`, 'utf8')).toBe(before)
    expect(readFileSync(credentials, 'utf8')).toBe(`[work]\naws_access_key_id = AKIAWORK\naws_secret_access_key = work\n\n[warden]\naws_access_key_id = ${w.root.accessKeyId}\naws_secret_access_key = ${w.root.secretAccessKey}\n`)
    const second = await warden(args, env)
    expect(JSON.parse(second.stdout).config.changed).toBe(false)
    expect(readFileSync(`${config}.bak`, 'utf8')).toBe(before)
    // Wrong keys: nothing is written.
    const bad = await warden(['configure', '--profile', 'bad', '--endpoint', w.endpoint, '--access-key-id', 'AKIANOSUCHKEY0000000'], { ...env, AWS_SECRET_ACCESS_KEY: 'nope' })
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('the credentials do not work')
    expect(readFileSync(config, 'utf8')).toBe(written)
  })
})

describe('plan, apply, destroy', () => {
  it('apply, then plan and apply report no changes; a change shows as a line diff (exit 5 with --detailed-exitcode); destroy empties', async () => {
    const at = ['--endpoint', w.endpoint]
    const first = await warden(['apply', 'ml-team-rbac', ...at])
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toContain('+ create group ML_Engineers')
    expect(first.stdout).toContain('Plan: 6 to create, 0 to change, 0 to delete (9 IAM calls).')
    expect(first.stderr).toContain('[9/9] attach AnalystsReadOnly to group Analysts ... ok')
    expect(first.stdout + first.stderr).not.toContain('\u001b[')
    for (const verb of ['plan', 'apply']) {
      const r = await warden([verb, 'ml-team-rbac', ...at, '--detailed-exitcode'].filter((a) => verb === 'plan' || a !== '--detailed-exitcode'))
      expect([r.code, r.stdout.trim()]).toEqual([0, `No changes: account ${w.accountId} matches blueprint ml-team-rbac.`])
    }
    // The endpoint from the environment, as the SDKs and the aws CLI take it.
    const viaEnv = await warden(['plan', 'ml-team-rbac', '--detailed-exitcode'], { AWS_ENDPOINT_URL: w.endpoint })
    expect([viaEnv.code, viaEnv.stdout.trim(), viaEnv.stderr]).toEqual([0, `No changes: account ${w.accountId} matches blueprint ml-team-rbac.`, ""])
    const changed = await warden(['plan', 'ml-team-rbac', ...at, '--set', 'data_bucket=new-data', '--detailed-exitcode', '--json'])
    expect(changed.code).toBe(5)
    const plan = JSON.parse(changed.stdout) as { counts: Record<string, number>; steps: { action: string }[] }
    expect(plan.counts).toEqual({ create: 0, update: 3, delete: 0, conflict: 0 })
    expect(plan.steps.map((s) => s.action)).toEqual(['CreatePolicyVersion', 'CreatePolicyVersion', 'CreatePolicyVersion'])

    const destroyed = await warden(['destroy', 'ml-team-rbac', ...at, '--json'])
    expect(destroyed.code).toBe(0)
    expect(JSON.parse(destroyed.stdout).result.calls).toBe(9)
    expect((await warden(['destroy', 'ml-team-rbac', ...at])).stdout).toContain('Nothing to destroy')
  })

  it('a declared entity it did not create is a conflict: exit 4, nothing changed', async () => {
    await w.iam().send(new CreateRoleCommand({ RoleName: 'SageMaker-UNetTraining-ExecutionRole', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }))
    const r = await warden(['apply', 'sagemaker-training', '--endpoint', w.endpoint])
    expect(r.code).toBe(4)
    expect(r.stdout).toContain('! conflict role SageMaker-UNetTraining-ExecutionRole: exists and has no `warden:blueprint` tag')
    expect((await w.iam().send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies).toEqual([])
  })

  it('an unreachable endpoint is an operation failure (exit 1) that says so', async () => {
    const r = await warden(['plan', 'ec2-training', '--endpoint', 'http://127.0.0.1:9'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('cannot reach the endpoint (ECONNREFUSED)')
  })
})
