/** Runs `bin/warden` as a real child process, for tests of the command and its contracts. */
import { spawn, type ChildProcess } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

export interface ServerProcess {
  child: ChildProcess
  endpoint: string
  /** Everything the process printed on stdout so far. */
  stdout: () => string
}

/** Starts `warden serve --port 0 ...args` and resolves once it prints its listening line. */
export function startServerProcess(args: string[], env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['bin/warden', 'serve', '--port', '0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  let err = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`warden did not start:\n${out}\n${err}`)), 30_000)
    child.stderr!.on('data', (d) => (err += d))
    child.stdout!.on('data', (d) => {
      out += d
      const m = /warden listening on (http:\/\/\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({ child, endpoint: m[1]!, stdout: () => out })
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`warden exited with ${code}:\n${out}\n${err}`))
    })
  })
}

export interface CommandResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs a command to completion (`aws ...`, `python3 ...`), optionally feeding stdin; an undefined env value unsets the variable. */
export function runProcess(command: string, args: string[], options: { env?: Record<string, string | undefined>; input?: string; cwd?: string } = {}): Promise<CommandResult> {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env }
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k]
  const child = spawn(command, args, { cwd: options.cwd ?? REPO, env, stdio: ['pipe', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (d) => (stdout += d))
  child.stderr!.on('data', (d) => (stderr += d))
  child.stdin!.end(options.input ?? '')
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** Runs `bin/warden ...args` to completion (optionally feeding stdin) and returns its exit code and output. */
export function runWarden(args: string[], options: { env?: Record<string, string | undefined>; input?: string; cwd?: string } = {}): Promise<CommandResult> {
  return runProcess(process.execPath, [join(REPO, 'bin/warden'), ...args], { ...options, env: { NO_COLOR: '1', FORCE_COLOR: '', ...options.env } })
}
