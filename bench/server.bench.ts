/**
 * Server benchmark: Warden against moto (`python3 -m moto.server`, auth enforcement on),
 * or with `--compare postgres` Warden on SQLite against Warden on PostgreSQL (the local
 * server, a schema of its own), each pinned to core 0, wrk pinned to core 1 replaying
 * pre-signed requests (so the load generator costs no signing), 16 connections, a user's
 * own keys (every request is verified and authorized). Scenarios: GetCallerIdentity,
 * AssumeRole, CreateRole+GetRole.
 *
 *   npm run bench:server [-- --rounds 3 --seconds 4 --warm 2] [-- --compare postgres] [-- --floor]
 *
 * Before its measured rounds each scenario runs --warm seconds against each target, not
 * counted (JIT compilation, SQLite's page cache, moto's imports): the figures are those of a
 * server in steady state, as a long-running service is.
 *
 * --floor also replays the GetCallerIdentity requests against a bare node:http server
 * (bench/lib/bare-server.mjs, a fixed answer) in the same rounds: the most any Node server
 * can do in this harness on this machine.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam'
import { median, pinned, signedLine, waitFor, wrk as runWrk, type WrkRun } from './lib/http-load.js'

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, seconds: { type: 'string', default: '4' }, warm: { type: 'string', default: '2' }, compare: { type: 'string', default: 'moto' }, floor: { type: 'boolean', default: false } } })
if (args.compare !== 'moto' && args.compare !== 'postgres') throw new Error('--compare is moto or postgres')
const PG_URL = process.env.WARDEN_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const rounds = Number(args.rounds)
const seconds = Number(args.seconds)
const warm = Number(args.warm)
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

function scenarioFile(t: Target, scenario: string, round: number | 'warm'): string {
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
const peerPort = 5091
const wardenEnv = { WARDEN_ACCOUNT_ID: ACCOUNT, WARDEN_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId, WARDEN_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey }
pinned(process.execPath, ['bin/warden', 'serve', '--port', String(wardenPort), '--data', join(dir, 'warden')], wardenEnv)
const benchSchema = `warden_bench_${process.pid}`
if (args.compare === 'postgres') {
  pinned(process.execPath, ['bin/warden', 'serve', '--port', String(peerPort), '--data', join(dir, 'warden-pg'), '--db', PG_URL, '--db-schema', benchSchema], wardenEnv)
  process.on('exit', () => {
    // Best effort: the schema is dropped by a child that outlives this process's exit handler.
    spawn(process.execPath, ['-e', `const pg=require('pg');const c=new pg.Client(${JSON.stringify(PG_URL)});c.connect().then(()=>c.query('DROP SCHEMA IF EXISTS ${benchSchema} CASCADE')).finally(()=>c.end())`], { detached: true, stdio: 'ignore' }).unref()
  })
  await waitFor(`http://127.0.0.1:${peerPort}/health`)
} else {
  pinned('python3', ['-m', 'moto.server', '-p', String(peerPort)])
  await waitFor(`http://127.0.0.1:${peerPort}/moto-api/`)
}
await waitFor(`http://127.0.0.1:${wardenPort}/health`)
const warden = await setUp(args.compare === 'postgres' ? 'sqlite' : 'warden', `http://127.0.0.1:${wardenPort}`)
const peer = await setUp(args.compare === 'postgres' ? 'postgres' : 'moto', `http://127.0.0.1:${peerPort}`)
if (args.compare === 'moto') await fetch(`http://127.0.0.1:${peerPort}/moto-api/reset-auth`, { method: 'POST', body: '0' })

const floorPort = 5191
if (args.floor) {
  pinned(process.execPath, ['bench/lib/bare-server.mjs', String(floorPort)])
  await waitFor(`http://127.0.0.1:${floorPort}/`)
}

const scenarios = ['GetCallerIdentity', 'AssumeRole', 'CreateRole+GetRole']
console.log(`rounds: ${rounds} x ${seconds}s per scenario and target after ${warm}s of warm-up, wrk -c16 on core 1, servers on core 0`)
for (const scenario of scenarios) {
  const results = new Map<Target, Run[]>([[warden, []], [peer, []]])
  if (warm > 0) for (const t of [warden, peer]) runWrk(t.endpoint, scenarioFile(t, scenario, 'warm'), warm)
  for (let round = 0; round < rounds; round++) {
    for (const t of [warden, peer]) results.get(t)!.push(wrk(t, scenarioFile(t, scenario, round)))
  }
  const per = scenario === 'CreateRole+GetRole' ? 2 : 1
  const unit = per === 2 ? 'pairs/s' : 'req/s'
  const rate = (t: Target) => median(results.get(t)!.map((r) => r.rps)) / per
  const describe = (t: Target) => `${t.name} ${Math.round(rate(t))} ${unit} (p50 ${median(results.get(t)!.map((r) => r.p50ms)).toFixed(2)} ms, ` +
    `p99 ${median(results.get(t)!.map((r) => r.p99ms)).toFixed(2)} ms [${results.get(t)!.map((r) => r.p99ms.toFixed(2)).join(' ')}], errors ${results.get(t)!.reduce((a, r) => a + r.errors, 0)})`
  console.log(`${scenario}: ${describe(warden)}, ${describe(peer)}, ratio ${(rate(warden) / rate(peer)).toFixed(2)}`)
}
if (args.floor) {
  // Warden and the bare server alternate round by round on Warden's own GetCallerIdentity lines.
  const floor: Target = { name: 'bare node:http', endpoint: `http://127.0.0.1:${floorPort}`, user: warden.user, roleArn: '' }
  const w: Run[] = []
  const b: Run[] = []
  if (warm > 0) runWrk(floor.endpoint, scenarioFile(warden, 'GetCallerIdentity', 'warm'), warm)
  for (let round = 0; round < rounds; round++) {
    const file = scenarioFile(warden, 'GetCallerIdentity', round)
    w.push(wrk(warden, file))
    b.push(wrk(floor, file))
  }
  const wr = median(w.map((r) => r.rps))
  const br = median(b.map((r) => r.rps))
  console.log(`floor (GetCallerIdentity): warden ${Math.round(wr)} req/s, bare node:http ${Math.round(br)} req/s, warden/bare ${(wr / br).toFixed(2)}`)
}
process.exit(0)
