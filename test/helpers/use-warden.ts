/**
 * The usual setup of an end-to-end file, once: one Warden for the file (started before its
 * tests, stopped after them), reset before each test unless `resetEachTest: false`; and the
 * assertion most files make about a failed call.
 */
import { afterAll, beforeAll, beforeEach, expect } from 'vitest'
import { startWarden, type RunningWarden, type StartOptions } from './warden.js'

/** The file's server: the returned object stands for it from the first hook on. */
export function useWarden(options: StartOptions & { resetEachTest?: boolean } = {}): RunningWarden {
  let running: RunningWarden | undefined
  beforeAll(async () => {
    running = await startWarden(options)
  }, 30_000)
  afterAll(async () => {
    await running?.stop()
  })
  if (options.resetEachTest !== false) {
    beforeEach(async () => {
      await running!.reset()
    })
  }
  return new Proxy({} as RunningWarden, {
    get(_, key) {
      if (!running) throw new Error('useWarden(): the server starts in beforeAll; use it inside hooks and tests')
      return running[key as keyof RunningWarden]
    }
  })
}

/** Runs `p`, expecting an AWS error with this code (as on the wire), HTTP status and (optionally) message. */
export async function expectAwsError(p: Promise<unknown>, code: string, status: number, message?: string): Promise<void> {
  const err = await p.then(() => undefined, (e: unknown) => e as { name?: string; Code?: string; message?: string; $metadata?: { httpStatusCode?: number } })
  expect(err, `expected ${code}`).toBeDefined()
  expect(err?.Code ?? err?.name?.replace(/Exception$/, '')).toBe(code)
  expect(err?.$metadata?.httpStatusCode).toBe(status)
  if (message !== undefined) expect(err?.message).toBe(message)
}
