/**
 * Shared pieces of the HTTP benchmarks: servers pinned to core 0, wrk pinned to core 1
 * replaying pre-signed requests (`bench/wrk-replay.lua`, signed once by src/auth/sigv4, so
 * the load generator does no crypto), and medians.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { openSync } from 'node:fs'
import { promisify } from 'node:util'
import { signRequest } from '../../src/auth/sigv4/index.js'

const children: ChildProcess[] = []
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')))

/** Waits until `url` answers (any status). */
export async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      await fetch(url)
      return
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  throw new Error(`${url} did not come up`)
}

/** Starts `cmd` on core 0 (or `cores`, a taskset list), its stderr to `errorLog` if given; it is killed when the benchmark exits. */
export function pinned(cmd: string, argv: string[], env: Record<string, string> = {}, cores = '0', errorLog?: string): ChildProcess {
  const stderr = errorLog === undefined ? 'ignore' : openSync(errorLog, 'a')
  const c = spawn('taskset', ['-c', cores, cmd, ...argv], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', stderr] })
  children.push(c)
  return c
}

/** One request line for wrk-replay.lua: a POST of `body` to `endpoint`, signed now with `credentials`. */
export function signedLine(endpoint: string, credentials: { accessKeyId: string; secretAccessKey: string }, service: 'iam' | 'sts', body: string): string {
  const host = new URL(endpoint).host
  const signed = signRequest(
    { method: 'POST', path: '/', headers: { host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body },
    credentials,
    { region: 'us-east-1', service, date: new Date() }
  )
  const headers = Object.entries(signed.headers).filter(([k]) => k !== 'host').map(([k, v]) => `${k}:${String(v)}`).join('|')
  return `POST\t/\t${headers}\t${body}`
}

export interface WrkRun { rps: number; p50ms: number; p99ms: number; errors: number }

function wrkArgs(endpoint: string, file: string, seconds: number, connections: number, cores: string): string[] {
  return ['-c', cores, 'wrk', '-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', 'bench/wrk-replay.lua', endpoint, '--', file]
}

function parseWrk(out: string): WrkRun {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1])
  const percentile = (p: number): number => {
    const m = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(out)
    return m ? Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1) : NaN
  }
  const p50ms = percentile(50)
  const p99ms = percentile(99)
  const errors = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0) + Number(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out)?.slice(1).reduce((a, b) => a + Number(b), 0) ?? 0)
  return { rps, p50ms, p99ms, errors }
}

/** Runs wrk (1 thread, `connections` connections, core 1 or `cores`) over the request file. */
export function wrk(endpoint: string, file: string, seconds: number, connections = 16, cores = '1'): WrkRun {
  return parseWrk(execFileSync('taskset', wrkArgs(endpoint, file, seconds, connections, cores), { encoding: 'utf8' }))
}

/** {@link wrk} without blocking, so several generators can run at once. */
export async function wrkAsync(endpoint: string, file: string, seconds: number, connections = 16, cores = '1'): Promise<WrkRun> {
  const { stdout } = await promisify(execFile)('taskset', wrkArgs(endpoint, file, seconds, connections, cores), { encoding: 'utf8' })
  return parseWrk(stdout)
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
