import { afterEach, describe, expect, it } from 'vitest'
import { MisuseGuard } from './misuse-guard.js'

const saved = { VITEST: process.env.VITEST, CHECKS: process.env.WARDEN_STORE_CHECKS }
afterEach(() => {
  process.env.VITEST = saved.VITEST
  if (saved.CHECKS === undefined) delete process.env.WARDEN_STORE_CHECKS
  else process.env.WARDEN_STORE_CHECKS = saved.CHECKS
})

describe('MisuseGuard', () => {
  it('on under the test runner: marks the callback and everything it awaits, nothing outside it', async () => {
    const guard = new MisuseGuard()
    expect(guard.insideTransaction).toBe(false)
    const seen = await guard.run(async () => {
      await new Promise((r) => setTimeout(r, 1))
      return guard.insideTransaction
    })
    expect(seen).toBe(true)
    expect(guard.insideTransaction).toBe(false)
  })

  it('off in production (no AsyncLocalStorage, so no promise hooks): never reports inside, runs the callback as it is', async () => {
    delete process.env.VITEST
    delete process.env.WARDEN_STORE_CHECKS
    const guard = new MisuseGuard()
    expect(await guard.run(async () => guard.insideTransaction)).toBe(false)
    process.env.WARDEN_STORE_CHECKS = '1'
    const checked = new MisuseGuard()
    expect(await checked.run(async () => checked.insideTransaction)).toBe(true)
  })
})
