import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { openSqliteStore } from './sqlite-store.js'

const dir = mkdtempSync(join(tmpdir(), 'warden-crash-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const WRITER = fileURLToPath(new URL('./testing/crash-writer.ts', import.meta.url))

/** Runs the writer until it has acknowledged `wanted` writes (or a deadline passes), then SIGKILLs it. */
function runAndKill(file: string, wanted: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file], { stdio: ['ignore', 'pipe', 'pipe'] })
    const acked: number[] = []
    let buffer = ''
    let stderr = ''
    let killed = false
    const kill = (): void => {
      if (!killed) {
        killed = true
        child.kill('SIGKILL')
      }
    }
    const deadline = setTimeout(kill, 10_000)
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      for (const line of lines) {
        const m = /^ack (\d+)$/.exec(line)
        if (m) acked.push(Number(m[1]))
      }
      if (acked.length >= wanted) kill()
    })
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
    child.on('error', reject)
    child.on('exit', (_code, signal) => {
      clearTimeout(deadline)
      if (signal !== 'SIGKILL') reject(new Error(`writer exited on its own: ${stderr}`))
      else resolve(acked)
    })
  })
}

describe('sqlite crash safety', () => {
  it('every acknowledged write survives SIGKILL and the database passes integrity_check', async () => {
    const file = join(dir, 'crash.db')
    const acked = await runAndKill(file, 150)
    expect(acked.length).toBeGreaterThanOrEqual(150)

    const check = new Database(file)
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(check.pragma('foreign_key_check')).toEqual([])
    check.close()

    const store = await openSqliteStore({ filename: file })
    try {
      for (const i of acked) {
        expect(await store.getUser(`user-${i}`), `user-${i}`).toBeDefined()
        expect(await store.getInlinePolicy({ type: 'user', name: `user-${i}` }, 'p'), `policy of user-${i}`).toBeDefined()
      }
      // Writes are atomic: any user that exists (acknowledged or not) has its policy too.
      const users = await store.listUsers({ maxItems: 1000 })
      for (const u of users.items) {
        expect(await store.getInlinePolicy({ type: 'user', name: u.name }, 'p'), u.name).toBeDefined()
      }
    } finally {
      await store.close()
    }
  })
})
