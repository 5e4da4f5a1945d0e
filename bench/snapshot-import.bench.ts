/**
 * `warden import` of a large account snapshot: wall time and peak resident memory of the
 * real command (`bin/warden import FILE --data DIR`, a fresh process and data directory per
 * round), plus the time inside the import itself (reading, checking, the one transaction)
 * from a child that calls the command in-process. The snapshot comes from the tests'
 * generator (test/helpers/snapshot-generator.ts): by default 5,000 roles, 2,500 customer
 * managed policies with 1-5 versions each, 500 users, groups, instance profiles, tags,
 * boundaries and AWS managed attachments.
 *
 *   npm run bench:import -- --roles 5000 --rounds 3
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs, promisify } from 'node:util'
import { generateSnapshot } from '../test/helpers/snapshot-generator.js'

const run = promisify(execFile)
const ENV = { ...process.env, WARDEN_ACCOUNT_ID: '', WARDEN_ROOT_ACCESS_KEY_ID: '', WARDEN_ROOT_SECRET_ACCESS_KEY: '', WARDEN_MASTER_KEY: '' }

async function child(file: string, data: string): Promise<void> {
  const { importCommand } = await import('../src/cli/import.js')
  const started = performance.now()
  const code = await importCommand([file, '--data', data], ENV)
  const ms = performance.now() - started
  // maxRSS is in kilobytes, CPU times in microseconds (the whole process, start-up included).
  const u = process.resourceUsage()
  process.stderr.write(JSON.stringify({ code, ms, maxRssMiB: u.maxRSS / 1024, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }) + '\n')
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { roles: { type: 'string', default: '5000' }, rounds: { type: 'string', default: '3' }, child: { type: 'string' }, data: { type: 'string' } } })
  if (values.child !== undefined) return child(values.child, values.data!)
  const roles = Number(values.roles)
  const rounds = Number(values.rounds)
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-import-'))
  try {
    const snapshot = generateSnapshot({ roles, seed: 2026 })
    const file = join(dir, 'account.json')
    writeFileSync(file, JSON.stringify(snapshot, null, 4) + '\n')
    const customer = snapshot.Policies.filter((p) => !String(p.Arn).includes(':aws:policy/'))
    const versions = customer.reduce((n, p) => n + (p.PolicyVersionList as unknown[]).length, 0)
    console.log(`snapshot: ${snapshot.RoleDetailList.length} roles, ${customer.length} customer managed policies (${versions} versions), ` +
      `${snapshot.UserDetailList.length} users, ${snapshot.GroupDetailList.length} groups; ${(statSync(file).size / 1024 / 1024).toFixed(1)} MiB of JSON`)
    const wall: number[] = []
    const cpu: number[] = []
    const rss: number[] = []
    const inner: number[] = []
    const innerRss: number[] = []
    for (let i = 0; i < rounds; i++) {
      // The real command, as a user runs it: GNU time reports elapsed seconds and peak RSS (KiB).
      const data = join(dir, `data-${i}`)
      const timed = await run('/usr/bin/time', ['-f', 'TIME %e %M %U %S', process.execPath, 'bin/warden', 'import', file, '--data', data], { env: ENV, maxBuffer: 64 * 1024 * 1024 })
      const m = /TIME ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(timed.stderr)
      if (!m) throw new Error(`no timing in: ${timed.stderr}`)
      wall.push(Number(m[1]) * 1000)
      rss.push(Number(m[2]) / 1024)
      cpu.push((Number(m[3]) + Number(m[4])) * 1000)
      // The import alone, in a child that has already started.
      const data2 = join(dir, `inner-${i}`)
      const c = await run(process.execPath, ['--import', 'tsx', 'bench/snapshot-import.bench.ts', '--child', file, '--data', data2], { env: ENV, maxBuffer: 64 * 1024 * 1024 })
      const r = JSON.parse(c.stderr.trim().split('\n').pop()!) as { code: number; ms: number; maxRssMiB: number }
      if (r.code !== 0) throw new Error(`import failed: ${c.stderr}`)
      inner.push(r.ms)
      innerRss.push(r.maxRssMiB)
      console.log(`round ${i + 1}: warden import ${(wall[i]! / 1000).toFixed(2)} s (CPU ${(cpu[i]! / 1000).toFixed(2)} s), peak RSS ${rss[i]!.toFixed(0)} MiB; in-process import ${(r.ms / 1000).toFixed(2)} s, peak RSS ${r.maxRssMiB.toFixed(0)} MiB`)
      rmSync(data, { recursive: true, force: true })
      rmSync(data2, { recursive: true, force: true })
    }
    console.log(`median of ${rounds}: warden import ${(median(wall) / 1000).toFixed(2)} s wall, ${(median(cpu) / 1000).toFixed(2)} s CPU, peak RSS ${median(rss).toFixed(0)} MiB; ` +
      `import alone ${(median(inner) / 1000).toFixed(2)} s (${(median(inner) / roles).toFixed(2)} ms per role with its share of policies), peak RSS ${median(innerRss).toFixed(0)} MiB`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
