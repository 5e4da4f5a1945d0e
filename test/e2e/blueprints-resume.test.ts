/**
 * A half-applied blueprint: the server is stopped in the middle of apply; after a restart
 * on the same data, plan lists only what is left and the next apply completes it. The same
 * for a destroy cut short.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { applyPlan, planApply, planRemoval } from '../../src/blueprints/index.js'
import { applyBlueprint, builtin, inventory } from '../helpers/blueprints.js'
import { startWarden, type RunningWarden } from '../helpers/warden.js'

const dirs: string[] = []
const running: RunningWarden[] = []
afterEach(async () => {
  for (const w of running.splice(0)) await w.stop().catch(() => undefined)
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function start(dataDir: string): Promise<RunningWarden> {
  const w = await startWarden({ dataDir })
  running.push(w)
  return w
}

it('completes an apply that stopped half-way when the server went down, and a cut-short destroy', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'warden-resume-'))
  dirs.push(dataDir)
  const first = await start(dataDir)
  const bp = builtin(first, 'batch-workflow')
  const plan = await planApply(first.iam(), bp)
  const cut = Math.floor(plan.steps.length / 2)
  const result = await applyPlan(first.iam(), plan, {
    onStep: async (event, _step, i) => {
      if (event === 'done' && i === cut - 1) await first.warden.close()
    }
  })
  expect(result.done).toHaveLength(cut)
  expect(result.failed?.step).toBe(plan.steps[cut])

  const second = await start(dataDir)
  const rest = await planApply(second.iam(), bp)
  // Only what is left: nothing done twice, nothing forgotten.
  expect(rest.steps.length).toBe(plan.steps.length - cut)
  expect(rest.steps.map((s) => s.summary)).toEqual(plan.steps.slice(cut).map((s) => s.summary))
  const { result: finished } = await applyBlueprint(second.iam(), bp)
  expect(finished.done.length).toBeGreaterThanOrEqual(rest.steps.length)
  expect((await planApply(second.iam(), bp)).steps).toEqual([])
  const applied = await inventory(second.iam())
  expect(applied.roles).toHaveLength(7)
  expect(applied.instanceProfiles).toEqual(['SLIM-Extras_ECS_for_EC2:SLIM-Extras_ECS_for_EC2'])

  // The same for destroy: stopped after a few calls, finished by the next destroy.
  const removal = await planRemoval(second.iam(), bp.name, second.accountId)
  const partial = await applyPlan(second.iam(), removal, {
    pollMs: 10,
    onStep: async (event, _step, i) => {
      if (event === 'done' && i === 4) await second.warden.close()
    }
  })
  expect(partial.failed).toBeDefined()
  const third = await start(dataDir)
  const left = await planRemoval(third.iam(), bp.name, third.accountId)
  expect(left.steps.length).toBeGreaterThan(0)
  expect(left.steps.length).toBeLessThan(removal.steps.length)
  const done = await applyPlan(third.iam(), left, { pollMs: 10 })
  expect(done.failed).toBeUndefined()
  expect(await inventory(third.iam())).toEqual({ roles: [], users: [], groups: [], policies: [], instanceProfiles: [], accessKeys: [] })
})
