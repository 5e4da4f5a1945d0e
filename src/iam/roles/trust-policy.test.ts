import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../shared/testing.js'
import cases from './trust-policy-cases.json' with { type: 'json' }
import { expectAwsError } from './expect-aws-error.js'
import { requireTrustPolicy } from './trust-policy.js'

interface TrustCase { name: string; document: string; code?: string; message?: string; doc: string }

describe('requireTrustPolicy', () => {
  let ctx: TestContext
  beforeEach(async () => {
    ctx = await createTestContext()
    await ctx.store.createUser({ name: 'alice', path: '/dev/' })
    await ctx.store.createRole({ name: 'Existing', assumeRolePolicyDocument: '{}' })
  })
  afterEach(async () => ctx.store.close())

  for (const c of cases as TrustCase[]) {
    it(c.name, async () => {
      expect(c.doc).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//)
      if (c.code === undefined) {
        const text = await requireTrustPolicy(ctx, c.document)
        expect(JSON.parse(text)).toHaveProperty('Statement')
      } else {
        await expectAwsError(requireTrustPolicy(ctx, c.document), c.code, c.message)
      }
    })
  }
})
