/**
 * Server benchmark: Warden against moto (`python3 -m moto.server`, auth enforcement on),
 * each pinned to core 0, wrk pinned to core 1 replaying pre-signed requests (so the load
 * generator costs no signing), 16 connections, a user's own keys (every request is
 * verified and authorized). Scenarios: GetCallerIdentity, AssumeRole, CreateRole+GetRole.
 *
 *   npm run bench:server [-- --rounds 3 --seconds 4]
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam'
import { median, pinned, signedLine, waitFor, wrk as runWrk, type WrkRun } from './lib/http-load.js'

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, seconds: { type: 'string', default: '4' } } })
const rounds = Number(args.rounds)
const seconds = Number(args.seconds)
const ROOT = { accessKeyId: 'AKIABENCHROOT0000001', secretAccessKey: 'benchRootSecret0000000000000000000000000' }
const ACCOUNT = '123456789012'
const dir = mkdtempSync(join(tmpdir(), 'warden-bench-'))

interface Target { name: string; endpoint: string; user: { accessKeyId: string; secretAccessKey: string }; roleArn: string }

async function setUp(name: string, endpoint: string): Promise<Target> {
  const iam = new IAMClient({ endpoint, region: 'us-east-1', credentials: ROOT })
  await iam.send(new CreateUserCommand({ UserName: 'bench' }))
  await iam.send(new PutUserPolicyCommand({
    UserName: 'bench', PolicyName: 'bench',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole', 'iam:CreateRole', 'iam:GetRole'], Resource: '*' }] })
  }))
  const key = await iam.send(new CreateAccessKeyCommand({ UserName: 'bench' }))
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/bench` }, Action: 'sts:AssumeRole' }] })
  const role = await iam.send(new CreateRoleCommand({ RoleName: 'bench-role', AssumeRolePolicyDocument: trust }))
  return { name, endpoint, user: { accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! }, roleArn: role.Role!.Arn! }
}

function line(t: Target, service: 'iam' | 'sts', body: string): string {
  return signedLine(t.endpoint, t.user, service, body)
}

const trustDoc = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] }))

function scenarioFile(t: Target, scenario: string, round: number): string {
  const lines: string[] = []
  if (scenario === 'GetCallerIdentity') lines.push(line(t, 'sts', 'Action=GetCallerIdentity&Version=2011-06-15'))
  else if (scenario === 'AssumeRole') lines.push(line(t, 'sts', `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(t.roleArn)}&RoleSessionName=bench`))
  else {
    // CreateRole r<i>, then GetRole of a role created 64 requests earlier (never racing its creation).
    for (let i = 0; i < 40_000; i++) {
      lines.push(line(t, 'iam', `Action=CreateRole&Version=2010-05-08&RoleName=r${round}x${i}&AssumeRolePolicyDocument=${trustDoc}`))
      lines.push(line(t, 'iam', `Action=GetRole&Version=2010-05-08&RoleName=${i < 64 ? 'bench-role' : `r${round}x${i - 64}`}`))
    }
  }
  const file = join(dir, `${t.name}-${scenario}-${round}.txt`)
  writeFileSync(file, lines.join('\n') + '\n')
  return file
}

type Run = WrkRun

function wrk(t: Target, file: string): Run {
  return runWrk(t.endpoint, file, seconds)
}

const wardenPort = 4591
const motoPort = 5091
pinned(process.execPath, ['bin/warden', 'serve', '--port', String(wardenPort), '--data', join(dir, 'warden')], {
  WARDEN_ACCOUNT_ID: ACCOUNT, WARDEN_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId, WARDEN_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey
})
pinned('python3', ['-m', 'moto.server', '-p', String(motoPort)])
await waitFor(`http://127.0.0.1:${wardenPort}/health`)
await waitFor(`http://127.0.0.1:${motoPort}/moto-api/`)
const warden = await setUp('warden', `http://127.0.0.1:${wardenPort}`)
const moto = await setUp('moto', `http://127.0.0.1:${motoPort}`)
await fetch(`http://127.0.0.1:${motoPort}/moto-api/reset-auth`, { method: 'POST', body: '0' })

const scenarios = ['GetCallerIdentity', 'AssumeRole', 'CreateRole+GetRole']
console.log(`rounds: ${rounds} x ${seconds}s per scenario and target, wrk -c16 on core 1, servers on core 0`)
for (const scenario of scenarios) {
  const results: Record<string, Run[]> = { warden: [], moto: [] }
  for (let round = 0; round < rounds; round++) {
    for (const t of [warden, moto]) results[t.name]!.push(wrk(t, scenarioFile(t, scenario, round)))
  }
  const per = scenario === 'CreateRole+GetRole' ? 2 : 1
  const w = median(results.warden!.map((r) => r.rps)) / per
  const m = median(results.moto!.map((r) => r.rps)) / per
  const unit = per === 2 ? 'pairs/s' : 'req/s'
  console.log(
    `${scenario}: warden ${Math.round(w)} ${unit} (p99 ${median(results.warden!.map((r) => r.p99ms)).toFixed(2)} ms, errors ${results.warden!.reduce((a, r) => a + r.errors, 0)}), ` +
      `moto ${Math.round(m)} ${unit} (p99 ${median(results.moto!.map((r) => r.p99ms)).toFixed(2)} ms, errors ${results.moto!.reduce((a, r) => a + r.errors, 0)}), ratio ${(w / m).toFixed(1)}`
  )
}
process.exit(0)
