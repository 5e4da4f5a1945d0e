/** docs/api-coverage.md must match the models, the registered operations and the tests. */
import { execFileSync } from 'node:child_process'
import { expect, it } from 'vitest'

it('docs/api-coverage.md is up to date (npx tsx scripts/api-coverage.ts)', () => {
  expect(() => execFileSync(process.execPath, ['--import', 'tsx', 'scripts/api-coverage.ts', '--check'], { stdio: 'pipe' })).not.toThrow()
}, 30_000)
