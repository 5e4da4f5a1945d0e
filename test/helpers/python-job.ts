/** Runs a Python client script of the end-to-end tests: the job as JSON on stdin, one JSON object back on stdout. */
import { spawn } from 'node:child_process'

export function runPythonJob(script: string, job: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [script], { stdio: ['pipe', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as Record<string, unknown>) : reject(new Error(`python exited ${code}:\n${err}\n${out}`))))
    child.stdin.end(JSON.stringify(job))
  })
}
