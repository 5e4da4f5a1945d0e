/**
 * Scale benchmark (issue 6), with the server benchmark's load generator (wrk replaying
 * pre-signed requests, bench/lib/http-load.ts). Parts, chosen with --parts:
 *
 * - `latency`: GetCallerIdentity, AssumeRole and GetRole on an empty database against one
 *   seeded by `npm run seed:scale` (100,000 roles and policies, 10,000 users with keys), on
 *   SQLite and on PostgreSQL; servers on core 0, wrk on core 1, 16 connections; the same
 *   user and role (made by the benchmark) on both. Then on the seeded database only:
 *   AssumeRole and GetRole cycling over 1,000 distinct seeded roles spread over the table,
 *   and ListRoles, first page and a page deep in the 100,000 (a marker near the end).
 * - `memory`: a fresh server on the seeded database, then one pass in which each of the
 *   10,000 seeded users calls GetCallerIdentity and then GetRole or AssumeRole (roles spread
 *   over the 100,000) with its own key; resident memory (VmRSS, VmHWM) after start and after
 *   each quarter of the pass.
 * - `replicas`: PostgreSQL, one `warden serve` against two on the same (fresh) schema,
 *   GetCallerIdentity, AssumeRole and CreateRole+GetRole; one wrk -c16 against one replica,
 *   two wrk -c8 at once (one per replica) against two. Nothing is pinned here: two servers,
 *   two generators and PostgreSQL share the machine's two cores.
 *
 *   npm run bench:scale -- [--parts latency,memory,replicas] [--backends sqlite,postgres] [--rounds 3 --seconds 3]
 *
 * The seeded databases are --sqlite-data DIR and --pg-schema NAME (seeded first when
 * missing, which takes minutes). Every server runs with the fixed account, root keys and
 * master key below, the same the seeding uses.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam'
import pg from 'pg'
import { encodeMarker } from '../src/store/paging.js'
import { scaleRoleArn, scaleRoleName } from '../scripts/seed/scale-data.js'
import { median, pinned, signedLine, waitFor, wrk, wrkAsync, type WrkRun } from './lib/http-load.js'

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '3' },
    parts: { type: 'string', default: 'latency,memory,replicas' },
    backends: { type: 'string', default: 'sqlite,postgres' },
    'sqlite-data': { type: 'string', default: join(tmpdir(), 'warden-scale-sqlite') },
    'pg-schema': { type: 'string', default: 'warden_scale_seed' },
    'pg-keys': { type: 'string', default: join(tmpdir(), 'warden-scale-pg-keys.csv') },
    roles: { type: 'string', default: '100000' },
    passes: { type: 'string', default: '2' }
  }
})
const PG_URL = process.env.WARDEN_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const rounds = Number(args.rounds)
const seconds = Number(args.seconds)
const parts = new Set(args.parts.split(','))
const backends = args.backends.split(',') as ('sqlite' | 'postgres')[]
const ROLES = Number(args.roles)
const ACCOUNT = '123456789012'
const ROOT = { accessKeyId: 'AKIABENCHROOT0000001', secretAccessKey: 'benchRootSecret0000000000000000000000000' }
const ENV = {
  WARDEN_ACCOUNT_ID: ACCOUNT, WARDEN_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId, WARDEN_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey,
  WARDEN_MASTER_KEY: Buffer.from('scale-bench-master-key-000000000').toString('base64')
}
const dir = mkdtempSync(join(tmpdir(), 'warden-scale-bench-'))
const tag = String(process.pid)
const dropSchemas: string[] = []

const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')

function dbArgs(backend: 'sqlite' | 'postgres', seeded: boolean, name: string): string[] {
  if (backend === 'sqlite') return ['--data', seeded ? args['sqlite-data'] : join(dir, name)]
  const schema = seeded ? args['pg-schema'] : `warden_scale_${name.replace(/-/g, '_')}_${tag}`
  if (!seeded) dropSchemas.push(schema)
  return ['--data', join(dir, name), '--db', PG_URL, '--db-schema', schema]
}

/** Seeds the backend's data set unless it is there already. */
function ensureSeeded(backend: 'sqlite' | 'postgres'): void {
  const argv = dbArgs(backend, true, `seed-${backend}`)
  if (backend === 'sqlite' && existsSync(join(args['sqlite-data'], 'scale-keys.csv'))) return
  if (backend === 'postgres') {
    const found = execFileSync('psql', [PG_URL, '-tAc', `SELECT count(*) FROM pg_tables WHERE schemaname = '${args['pg-schema']}' AND tablename = 'iam_roles'`], { encoding: 'utf8' }).trim()
    if (found === '1') return
  }
  console.log(`seeding ${backend} (minutes) ...`)
  execFileSync('npx', ['tsx', 'scripts/seed-scale.ts', ...argv, '--roles', args.roles, '--policies', args.roles, ...(backend === 'postgres' ? ['--bulk', '--concurrency', '2', '--keys-out', args['pg-keys']] : [])],
    { env: { ...process.env, ...ENV }, stdio: 'inherit' })
}

interface Server { name: string; endpoint: string; pid: number }

// Ports of their own per run, so a second run at the same time never answers for this one.
let nextPort = 20_000 + (process.pid % 4000) * 10
async function serve(name: string, argv: string[], cores = '0'): Promise<Server> {
  const port = nextPort++
  // Each server's stderr (request log, errors) is kept beside the request files.
  const child = pinned(process.execPath, ['bin/warden', 'serve', '--port', String(port), ...argv], ENV, cores, join(dir, `${name}.log`))
  const endpoint = `http://127.0.0.1:${port}`
  await waitFor(`${endpoint}/health`)
  return { name, endpoint, pid: child.pid! }
}

/** Stops a server this benchmark started. */
function stop(...servers: Server[]): void {
  for (const s of servers) process.kill(s.pid, 'SIGKILL')
}

interface Caller { accessKeyId: string; secretAccessKey: string }
interface Bench { user: Caller; roleArn: string }

/** A user allowed what the scenarios call, with a key, and a role it may assume. */
async function setUp(s: Server, suffix = tag): Promise<Bench> {
  const iam = new IAMClient({ endpoint: s.endpoint, region: 'us-east-1', credentials: ROOT })
  const userName = `bench-${suffix}`
  await iam.send(new CreateUserCommand({ UserName: userName }))
  await iam.send(new PutUserPolicyCommand({
    UserName: userName, PolicyName: 'bench',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole', 'iam:CreateRole', 'iam:GetRole', 'iam:ListRoles'], Resource: '*' }] })
  }))
  const key = await iam.send(new CreateAccessKeyCommand({ UserName: userName }))
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/${userName}` }, Action: 'sts:AssumeRole' }] })
  const role = await iam.send(new CreateRoleCommand({ RoleName: `bench-role-${suffix}`, AssumeRolePolicyDocument: trust }))
  return { user: { accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! }, roleArn: role.Role!.Arn! }
}

const trustDoc = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] }))
/** 1,000 seeded roles spread over the whole table. */
const seededRoles = Array.from({ length: 1000 }, (_, k) => (k * 97 + 13) % ROLES)

function requestFile(s: Server, b: Bench, scenario: string, label: string): string {
  const line = (service: 'iam' | 'sts', body: string, who: Caller = b.user) => signedLine(s.endpoint, who, service, body)
  const lines: string[] = []
  const assume = (arn: string) => line('sts', `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(arn)}&RoleSessionName=bench`)
  const getRole = (name: string) => line('iam', `Action=GetRole&Version=2010-05-08&RoleName=${name}`)
  if (scenario === 'GetCallerIdentity') lines.push(line('sts', 'Action=GetCallerIdentity&Version=2011-06-15'))
  else if (scenario === 'AssumeRole') lines.push(assume(b.roleArn))
  else if (scenario === 'GetRole') lines.push(getRole(b.roleArn.slice(b.roleArn.lastIndexOf('/') + 1)))
  else if (scenario === 'AssumeRole, 1,000 seeded roles') lines.push(...seededRoles.map((i) => assume(scaleRoleArn(ACCOUNT, i))))
  else if (scenario === 'GetRole, 1,000 seeded roles') lines.push(...seededRoles.map((i) => getRole(scaleRoleName(i))))
  else if (scenario === 'ListRoles first page') lines.push(line('iam', 'Action=ListRoles&Version=2010-05-08&MaxItems=100'))
  else if (scenario === 'ListRoles deep page') lines.push(line('iam', `Action=ListRoles&Version=2010-05-08&MaxItems=100&Marker=${encodeMarker([scaleRoleName(ROLES - 200)])}`))
  else if (scenario === 'CreateRole+GetRole') {
    // CreateRole, then GetRole of a role created 64 requests earlier (as in bench/server.bench.ts).
    for (let i = 0; i < 20_000; i++) {
      lines.push(line('iam', `Action=CreateRole&Version=2010-05-08&RoleName=${label}x${i}&AssumeRolePolicyDocument=${trustDoc}`))
      lines.push(getRole(i < 64 ? b.roleArn.slice(b.roleArn.lastIndexOf('/') + 1) : `${label}x${i - 64}`))
    }
  } else throw new Error(`unknown scenario ${scenario}`)
  const file = join(dir, `${s.name}-${scenario.replace(/\W+/g, '_')}-${label}.txt`)
  writeFileSync(file, lines.join('\n') + '\n')
  return file
}

const summary = (runs: WrkRun[], per = 1) =>
  `${Math.round(median(runs.map((r) => r.rps)) / per)} ${per === 2 ? 'pairs/s' : 'req/s'}, p50 ${median(runs.map((r) => r.p50ms)).toFixed(2)} ms, ` +
  `p99 ${median(runs.map((r) => r.p99ms)).toFixed(2)} ms, errors ${runs.reduce((a, r) => a + r.errors, 0)}`

async function latencyPart(backend: 'sqlite' | 'postgres'): Promise<void> {
  const empty = await serve(`${backend}-empty`, dbArgs(backend, false, `${backend}-empty`))
  const seeded = await serve(`${backend}-seeded`, dbArgs(backend, true, `${backend}-seeded`))
  const benches = new Map([[empty, await setUp(empty)], [seeded, await setUp(seeded)]])
  console.log(`\n[latency ${backend}] load average at start ${load()}`)
  for (const scenario of ['GetCallerIdentity', 'AssumeRole', 'GetRole']) {
    const runs = new Map<Server, WrkRun[]>([[empty, []], [seeded, []]])
    const loads: string[] = []
    for (let round = 0; round < rounds; round++) {
      for (const s of [empty, seeded]) runs.get(s)!.push(wrk(s.endpoint, requestFile(s, benches.get(s)!, scenario, `r${round}`), seconds))
      loads.push(load().split(' ')[0]!)
    }
    const ratio = median(runs.get(empty)!.map((r) => r.rps)) / median(runs.get(seeded)!.map((r) => r.rps))
    const p50ratio = median(runs.get(seeded)!.map((r) => r.p50ms)) / median(runs.get(empty)!.map((r) => r.p50ms))
    console.log(`${backend} ${scenario}: empty ${summary(runs.get(empty)!)}; seeded ${summary(runs.get(seeded)!)}; ` +
      `throughput ratio empty/seeded ${ratio.toFixed(2)}, p50 ratio seeded/empty ${p50ratio.toFixed(2)} (load ${loads.join(', ')})`)
  }
  for (const scenario of ['AssumeRole, 1,000 seeded roles', 'GetRole, 1,000 seeded roles', 'ListRoles first page', 'ListRoles deep page']) {
    const runs: WrkRun[] = []
    for (let round = 0; round < rounds; round++) runs.push(wrk(seeded.endpoint, requestFile(seeded, benches.get(seeded)!, scenario, `r${round}`), seconds))
    console.log(`${backend} seeded ${scenario}${scenario.startsWith('List') ? ' (MaxItems 100)' : ''}: ${summary(runs)} (load ${load()})`)
  }
  stop(empty, seeded)
}

function memoryOf(pid: number): { rssMiB: number; hwmMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN)
  return { rssMiB: kib('VmRSS') / 1024, hwmMiB: kib('VmHWM') / 1024 }
}

/** Sends every request once, 16 at a time; returns the count of non-2xx answers. */
async function pass(endpoint: string, requests: { service: 'iam' | 'sts'; body: string; who: Caller }[]): Promise<number> {
  let next = 0
  let failed = 0
  const worker = async () => {
    while (next < requests.length) {
      const r = requests[next++]!
      const [, , headers, body] = signedLine(endpoint, r.who, r.service, r.body).split('\t') as [string, string, string, string]
      const res = await fetch(endpoint, { method: 'POST', body, headers: Object.fromEntries(headers.split('|').map((h) => [h.slice(0, h.indexOf(':')), h.slice(h.indexOf(':') + 1)])) })
      await res.arrayBuffer()
      if (!res.ok) failed++
    }
  }
  await Promise.all(Array.from({ length: 16 }, worker))
  return failed
}

const f = (m: { rssMiB: number; hwmMiB: number }) => `RSS ${m.rssMiB.toFixed(0)} MiB (peak ${m.hwmMiB.toFixed(0)})`

async function memoryPart(backend: 'sqlite' | 'postgres'): Promise<void> {
  const keysFile = backend === 'sqlite' ? join(args['sqlite-data'], 'scale-keys.csv') : args['pg-keys']
  if (!existsSync(keysFile)) {
    console.log(`[memory ${backend}] no keys file ${keysFile} (seed with --keys-out ${keysFile}); skipped`)
    return
  }
  const users = readFileSync(keysFile, 'utf8').trim().split('\n').map((l) => {
    const [userName, accessKeyId, secretAccessKey] = l.split(',') as [string, string, string]
    return { userName, accessKeyId, secretAccessKey }
  })
  const s = await serve(`${backend}-memory`, dbArgs(backend, true, `${backend}-memory`), '0-1')
  // Each user: GetCallerIdentity, then GetRole (even users) or AssumeRole (odd) of a role spread over the table.
  const requests = users.flatMap((u, j) => {
    const role = (j * 10) % ROLES
    return [
      { service: 'sts' as const, body: 'Action=GetCallerIdentity&Version=2011-06-15', who: u },
      j % 2 === 0
        ? { service: 'iam' as const, body: `Action=GetRole&Version=2010-05-08&RoleName=${scaleRoleName(role)}`, who: u }
        : { service: 'sts' as const, body: `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(scaleRoleArn(ACCOUNT, role))}&RoleSessionName=m${j}`, who: u }
    ]
  })
  await pass(s.endpoint, requests.slice(0, 2))
  const samples = [`after start ${f(memoryOf(s.pid))}`]
  const started = performance.now()
  let failed = 0
  const quarter = Math.ceil(requests.length / 4)
  for (let p = 0; p < Number(args.passes); p++) {
    for (let q = 0; q < 4; q++) {
      failed += await pass(s.endpoint, requests.slice(q * quarter, (q + 1) * quarter))
      samples.push(`pass ${p + 1} after ${Math.min(requests.length, (q + 1) * quarter)} requests ${f(memoryOf(s.pid))}`)
    }
  }
  console.log(`\n[memory ${backend}] ${users.length} users, ${requests.length} requests per pass (each user's own key), ${args.passes} passes, ${((performance.now() - started) / 1000).toFixed(0)} s, ` +
    `non-2xx ${failed}; ${samples.join('; ')} (load ${load()})`)
  stop(s)
}

async function replicasPart(): Promise<void> {
  const schema = `warden_scale_replicas_${tag}`
  dropSchemas.push(schema)
  const db = ['--db', PG_URL, '--db-schema', schema]
  const a = await serve('replica-a', ['--data', join(dir, 'replica-a'), ...db], '0-1')
  const b = await serve('replica-b', ['--data', join(dir, 'replica-b'), ...db], '0-1')
  // One user and role, made through A; B serves them from the same database.
  const bench = await setUp(a)
  console.log(`\n[replicas postgres] load average at start ${load()}`)
  for (const scenario of ['GetCallerIdentity', 'AssumeRole', 'CreateRole+GetRole']) {
    const per = scenario === 'CreateRole+GetRole' ? 2 : 1
    const one: WrkRun[] = []
    const two: WrkRun[] = []
    const twoParts: WrkRun[][] = []
    for (let round = 0; round < rounds; round++) {
      one.push(wrk(a.endpoint, requestFile(a, bench, scenario, `one${round}`), seconds, 16, '0-1'))
      const pair = await Promise.all([
        wrkAsync(a.endpoint, requestFile(a, bench, scenario, `twoa${round}`), seconds, 8, '0-1'),
        wrkAsync(b.endpoint, requestFile(b, bench, scenario, `twob${round}`), seconds, 8, '0-1')
      ])
      twoParts.push(pair)
      two.push({ rps: pair[0].rps + pair[1].rps, p50ms: Math.max(pair[0].p50ms, pair[1].p50ms), p99ms: Math.max(pair[0].p99ms, pair[1].p99ms), errors: pair[0].errors + pair[1].errors })
    }
    const ratio = median(two.map((r) => r.rps)) / median(one.map((r) => r.rps))
    console.log(`replicas ${scenario}: one replica ${summary(one, per)}; two replicas ${summary(two, per)} ` +
      `(A ${Math.round(median(twoParts.map((p) => p[0]!.rps)) / per)}, B ${Math.round(median(twoParts.map((p) => p[1]!.rps)) / per)}); two/one ${ratio.toFixed(2)} (load ${load()})`)
  }
  stop(a, b)
}

console.log(`request files and server logs in ${dir}`)
try {
  for (const backend of backends) ensureSeeded(backend)
  for (const backend of backends) {
    if (parts.has('latency')) await latencyPart(backend)
    if (parts.has('memory')) await memoryPart(backend)
  }
  if (parts.has('replicas')) await replicasPart()
} finally {
  if (dropSchemas.length > 0) {
    const client = new pg.Client({ connectionString: PG_URL })
    await client.connect()
    for (const s of dropSchemas) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`)
    await client.end()
  }
}
process.exit(0)
