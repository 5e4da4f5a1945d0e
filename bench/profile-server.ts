/**
 * Profiles one Warden scenario: starts `bin/warden serve` under `node --cpu-prof` on core 0,
 * replays pre-signed requests with wrk on core 1, stops the server and prints the top
 * functions by self time (the .cpuprofile is left in --out for Chrome DevTools).
 *
 *   npx tsx bench/profile-server.ts --scenario GetCallerIdentity --seconds 5 --out /tmp/prof
 *
 * --warm N runs the scenario N seconds first, unmeasured; --no-prof skips the profiler. Env:
 * SERR=1 shows the server's output, NODE_ARGS adds node flags (e.g. --trace-gc), CONNS sets
 * wrk's connections, WARDEN_BIN runs another checkout's bin/warden (A/B).
 */
import { spawn, execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam'
import { signRequest } from '../src/auth/sigv4/index.js'

const { values: args } = parseArgs({ options: { scenario: { type: 'string', default: 'GetCallerIdentity' }, seconds: { type: 'string', default: '5' }, warm: { type: 'string', default: '0' }, out: { type: 'string', default: join(tmpdir(), 'warden-prof') }, prof: { type: 'boolean', default: true } }, allowNegative: true })
const ROOT = { accessKeyId: 'AKIABENCHROOT0000001', secretAccessKey: 'benchRootSecret0000000000000000000000000' }
const dir = mkdtempSync(join(process.env.DATA_ROOT ?? tmpdir(), 'warden-prof-'))
mkdirSync(args.out, { recursive: true })
const port = 4599
const endpoint = `http://127.0.0.1:${port}`
const server = spawn('taskset', ['-c', '0', process.execPath, ...(process.env.NODE_ARGS?.split(' ').filter(Boolean) ?? []), ...(args.prof ? ['--cpu-prof', `--cpu-prof-dir=${args.out}`] : []), process.env.WARDEN_BIN ?? 'bin/warden', 'serve', '--port', String(port), '--data', dir], {
  env: { ...process.env, WARDEN_ACCOUNT_ID: '123456789012', WARDEN_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId, WARDEN_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey },
  stdio: ["ignore", process.env.SERR ? "inherit" : "ignore", process.env.SERR ? "inherit" : "ignore"]
})
process.on('exit', () => server.kill('SIGKILL'))
for (let i = 0; ; i++) {
  try { await fetch(`${endpoint}/health`); break } catch { if (i > 200) throw new Error('no server'); await new Promise((r) => setTimeout(r, 100)) }
}
const iam = new IAMClient({ endpoint, region: 'us-east-1', credentials: ROOT })
await iam.send(new CreateUserCommand({ UserName: 'bench' }))
await iam.send(new PutUserPolicyCommand({ UserName: 'bench', PolicyName: 'bench', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole', 'iam:CreateRole', 'iam:GetRole'], Resource: '*' }] }) }))
const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'bench' }))).AccessKey!
const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:user/bench' }, Action: 'sts:AssumeRole' }] })
const role = await iam.send(new CreateRoleCommand({ RoleName: 'bench-role', AssumeRolePolicyDocument: trust }))
const user = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }
const line = (service: 'iam' | 'sts', body: string) => {
  const signed = signRequest({ method: 'POST', path: '/', headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body }, user, { region: 'us-east-1', service, date: new Date() })
  return `POST\t/\t${Object.entries(signed.headers).filter(([k]) => k !== 'host').map(([k, v]) => `${k}:${String(v)}`).join('|')}\t${body}`
}
const trustDoc = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] }))
/** The scenario's request file; `prefix` names the roles it creates, so a warm-up run and the measured run never collide. */
function requestFile(prefix: string): string {
  const lines: string[] = []
  if (args.scenario === 'GetCallerIdentity') lines.push(line('sts', 'Action=GetCallerIdentity&Version=2011-06-15'))
  else if (args.scenario === 'AssumeRole') lines.push(line('sts', `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(role.Role!.Arn!)}&RoleSessionName=bench`))
  else if (args.scenario === 'GetRole') lines.push(line('iam', 'Action=GetRole&Version=2010-05-08&RoleName=bench-role'))
  else if (args.scenario === 'CreateRole+GetRole') {
    // As bench/server.bench.ts: CreateRole, then GetRole of a role created 64 requests earlier.
    for (let i = 0; i < 40_000; i++) {
      lines.push(line('iam', `Action=CreateRole&Version=2010-05-08&RoleName=${prefix}${i}&AssumeRolePolicyDocument=${trustDoc}`))
      lines.push(line('iam', `Action=GetRole&Version=2010-05-08&RoleName=${i < 64 ? 'bench-role' : `${prefix}${i - 64}`}`))
    }
  } else for (let i = 0; i < 40_000; i++) lines.push(line('iam', `Action=CreateRole&Version=2010-05-08&RoleName=${prefix}${i}&AssumeRolePolicyDocument=${trustDoc}`))
  const file = join(dir, `requests-${prefix}.txt`)
  writeFileSync(file, lines.join('\n') + '\n')
  return file
}
const runWrk = (file: string, seconds: string) => execFileSync('taskset', ['-c', '1', 'wrk', '-t1', process.env.CONNS ? `-c${process.env.CONNS}` : '-c16', `-d${seconds}s`, '--latency', '-s', 'bench/wrk-replay.lua', endpoint, '--', file], { encoding: 'utf8' })
const summary = (out: string) => out.split('\n').filter((l) => /Requests\/sec|99%|50%|Non-2xx|^tail /.test(l)).join('\n')
// --warm N: N seconds of the same scenario first (other role names), not measured, so the JIT is warm.
if (Number(args.warm) > 0) console.log(`warm-up:\n${summary(runWrk(requestFile('w'), args.warm!))}\nmeasured:`)
const file = requestFile('p')
/** The server's CPU time so far (user + system), in microseconds. */
const cpuMicros = () => {
  // taskset execs node, so the child's pid is the server's.
  const f = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return ((Number(f[11]) + Number(f[12])) * 1e6) / 100
}
const cpuBefore = cpuMicros()
const tracer = process.env.STRACE ? spawn("strace", ["-f", "-c", "-o", "/tmp/strace.txt", "-p", String(server.pid)]) : undefined
if (tracer) await new Promise((r) => setTimeout(r, 500))
if (process.env.THREADS) execFileSync("bash", ["-c", `/tmp/threads.sh ${server.pid} > /tmp/threads-before.txt`])
const out = runWrk(file, args.seconds!)
const cpu = cpuMicros() - cpuBefore
if (tracer) { tracer.kill("SIGINT"); await new Promise((r) => tracer.on("exit", r)) }
if (process.env.THREADS) execFileSync("bash", ["-c", `/tmp/threads.sh ${server.pid} > /tmp/threads-after.txt`])
const requests = Number(/(\d+) requests in/.exec(out)?.[1])
console.log(summary(out))
console.log(`server CPU per request: ${(cpu / requests).toFixed(1)} us (${requests} requests, ${(cpu / 1e6).toFixed(2)} s CPU)`)
const before = new Set(readdirSync(args.out))
server.kill('SIGINT')
await new Promise((r) => server.on('exit', r))
if (!args.prof) process.exit(0)
// The main thread's profile is the biggest (tsx's loader thread writes one too).
const profile = readdirSync(args.out).filter((f) => f.endsWith('.cpuprofile') && !before.has(f)).map((f) => join(args.out!, f)).sort((a, b) => statSync(b).size - statSync(a).size)[0]
if (!profile) throw new Error('no new profile written')
interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
const p = JSON.parse(readFileSync(profile, 'utf8')) as { nodes: Node[] }
const self = new Map<string, number>()
let total = 0
for (const n of p.nodes) {
  const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\/(src|node_modules)\//, '$1/')}:${n.callFrame.lineNumber + 1}`
  self.set(k, (self.get(k) ?? 0) + (n.hitCount ?? 0))
  total += n.hitCount ?? 0
}
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
// Inclusive time of Warden's own functions (each function counted once per stack).
const byId = new Map(p.nodes.map((n) => [n.id, n]))
const parent = new Map<number, number>()
for (const n of p.nodes as (Node & { children?: number[] })[]) for (const c of n.children ?? []) parent.set(c, n.id)
const inclusive = new Map<string, number>()
for (const n of p.nodes) {
  if (!n.hitCount) continue
  const seen = new Set<string>()
  for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
    const f = byId.get(id)!.callFrame
    if (!f.url.includes('/src/')) continue
    const k = `${f.functionName || '(anon)'} ${f.url.replace(/^.*\/src\//, 'src/')}`
    if (seen.has(k)) continue
    seen.add(k)
    inclusive.set(k, (inclusive.get(k) ?? 0) + n.hitCount)
  }
}
console.log('--- inclusive (src/ only)')
for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
console.log(profile)
