/** Runs botocore (python3) over many cases in one process: the reference client's view of Warden's wire format. */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const BRIDGE = fileURLToPath(new URL('./botocore-bridge.py', import.meta.url))

function run<T>(mode: 'serialize' | 'parse', cases: unknown[]): T[] {
  const out = execFileSync('python3', [BRIDGE], { input: JSON.stringify({ mode, cases }), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return JSON.parse(out) as T[]
}

export interface SerializeCase {
  service: 'iam' | 'sts'
  operation: string
  params: Record<string, unknown>
}

/** The form bodies botocore sends for each case, in order. */
export function botocoreSerialize(cases: SerializeCase[]): string[] {
  return run<{ body: string }>('serialize', cases).map((r) => r.body)
}

export interface ParseCase {
  service: 'iam' | 'sts'
  operation: string
  status: number
  xml: string
}

/** What botocore's QueryParser reads from each response; timestamps as epoch milliseconds. */
export function botocoreParse(cases: ParseCase[]): Record<string, unknown>[] {
  return run<{ parsed: Record<string, unknown> }>('parse', cases).map((r) => r.parsed)
}
