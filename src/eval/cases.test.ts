/**
 * Runs the data-driven cases in ./cases/*.json. Each case names the AWS documentation page
 * it follows (`doc`), gives the policies as JSON, the request and the expected decision,
 * and optionally the denial reason, the matched statements, the missing keys and the
 * AccessDenied text. Every case runs through the explain path and the fast path, which
 * must agree on the decision.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { compilePolicySet, formatAccessDenied } from './index.js'
import { policyFromObject } from './testing.js'
import type { AuthorizationRequest, ContextValue, PolicyInput, PolicySet, PolicyType, RequestPrincipal } from './types.js'

const A = '111122223333'
const B = '444455556666'

const PRINCIPALS: Record<string, RequestPrincipal> = {
  alice: { arn: `arn:aws:iam::${A}:user/alice`, accountId: A, type: 'User', username: 'alice', userId: 'AIDAEXAMPLEALICE00001' },
  bob: { arn: `arn:aws:iam::${A}:user/division/bob`, accountId: A, type: 'User', username: 'bob', userId: 'AIDAEXAMPLEBOB000001' },
  role: {
    arn: `arn:aws:sts::${A}:assumed-role/MLRole/sess`,
    accountId: A,
    type: 'AssumedRole',
    roleArn: `arn:aws:iam::${A}:role/ml/MLRole`,
    userId: 'AROAEXAMPLEMLROLE0001:sess'
  },
  fed: { arn: `arn:aws:sts::${A}:federated-user/fred`, accountId: A, type: 'FederatedUser', userId: `${A}:fred` },
  root: { arn: `arn:aws:iam::${A}:root`, accountId: A, type: 'Account' },
  carol: { arn: `arn:aws:iam::${B}:user/carol`, accountId: B, type: 'User', username: 'carol', userId: 'AIDAEXAMPLECAROL0001' },
  auditor: {
    arn: `arn:aws:sts::${B}:assumed-role/Auditor/audit`,
    accountId: B,
    type: 'AssumedRole',
    roleArn: `arn:aws:iam::${B}:role/Auditor`,
    userId: 'AROAEXAMPLEAUDITOR01:audit'
  },
  broot: { arn: `arn:aws:iam::${B}:root`, accountId: B, type: 'Account' },
  sagemaker: { arn: 'sagemaker.amazonaws.com', accountId: '', type: 'Service', serviceName: 'sagemaker.amazonaws.com' },
  anonymous: { arn: '*', accountId: '', type: 'Anonymous' },
  webid: {
    arn: 'arn:aws:sts::111122223333:assumed-role/WebRole/web',
    accountId: '',
    type: 'Anonymous',
    federatedProvider: 'cognito-identity.amazonaws.com'
  }
}

type Doc = Record<string, unknown>
type PolicyEntry = Doc | { id: string; doc: Doc }

interface Case {
  name: string
  doc: string
  principal: string | { base: string; [k: string]: unknown }
  policies: {
    identity?: PolicyEntry[]
    resource?: PolicyEntry[]
    trust?: PolicyEntry[]
    boundary?: PolicyEntry[]
    session?: PolicyEntry[]
    scp?: PolicyEntry[][]
    rcp?: PolicyEntry[][]
  }
  request: { action: string; resource: string; resourceAccount?: string; context?: Record<string, ContextValue> }
  now?: string
  expect: {
    decision: 'Allow' | 'ImplicitDeny' | 'ExplicitDeny'
    reason?: string
    policyType?: PolicyType
    policyId?: string
    matched?: { policyId: string; statementIndex: number; sid?: string; effect?: string }[]
    missing?: string[]
    message?: string
  }
}

function input(entry: PolicyEntry, type: PolicyType, fallbackId: string): PolicyInput {
  const e = entry as { id?: unknown; doc?: unknown }
  if (typeof e.id === 'string' && e.doc !== undefined) return { id: e.id, type, policy: policyFromObject(e.doc) }
  return { id: fallbackId, type, policy: policyFromObject(entry) }
}

function policySet(c: Case): PolicySet {
  const p = c.policies
  const many = (xs: PolicyEntry[] | undefined, type: PolicyType) => xs?.map((x, i) => input(x, type, `${type}-${i}`))
  const levels = (xs: PolicyEntry[][] | undefined, type: PolicyType) =>
    xs?.map((level, l) => level.map((x, i) => input(x, type, `${type}-${l}-${i}`)))
  return {
    identity: many(p.identity, 'identity') ?? [],
    resource: many(p.resource, 'resource') ?? many(p.trust, 'trust'),
    boundary: many(p.boundary, 'boundary'),
    session: many(p.session, 'session'),
    scp: levels(p.scp, 'scp'),
    rcp: levels(p.rcp, 'rcp')
  }
}

function principalOf(c: Case): RequestPrincipal {
  if (typeof c.principal === 'string') {
    const p = PRINCIPALS[c.principal]
    if (!p) throw new Error(`unknown principal ${c.principal}`)
    return p
  }
  const { base, ...rest } = c.principal
  const p = PRINCIPALS[base]
  if (!p) throw new Error(`unknown principal ${base}`)
  return { ...p, ...rest } as RequestPrincipal
}

const dir = join(dirname(fileURLToPath(import.meta.url)), 'cases')
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort()

describe('evaluation cases', () => {
  it('has the case files and enough cases', () => {
    let total = 0
    for (const f of files) total += (JSON.parse(readFileSync(join(dir, f), 'utf8')) as Case[]).length
    expect(files.length).toBeGreaterThanOrEqual(14)
    expect(total).toBeGreaterThanOrEqual(250)
  })
  for (const file of files) {
    const cases = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Case[]
    describe(file, () => {
      for (const c of cases) {
        it(c.name, () => {
          expect(c.doc).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//)
          const compiled = compilePolicySet(policySet(c))
          const request: AuthorizationRequest = { principal: principalOf(c), ...c.request }
          const now = new Date(c.now ?? '2026-01-15T12:00:00Z')
          const full = compiled.evaluate(request, { now })
          const fast = compiled.evaluate(request, { now, explain: false })
          expect(full.decision).toBe(c.expect.decision)
          expect(fast.decision).toBe(c.expect.decision)
          expect(fast.matched).toHaveLength(0)
          if (c.expect.decision === 'Allow') expect(full.denial).toBeUndefined()
          if (c.expect.reason) {
            expect(full.denial?.reason).toBe(c.expect.reason)
            expect(fast.denial?.reason).toBe(c.expect.reason)
          }
          if (c.expect.policyType) expect(full.denial?.policyType).toBe(c.expect.policyType)
          if (c.expect.policyId) expect(full.denial?.policyId).toBe(c.expect.policyId)
          if (c.expect.matched) {
            expect(full.matched.map((m) => ({ policyId: m.policyId, statementIndex: m.statementIndex, ...(m.sid ? { sid: m.sid } : {}), effect: m.effect }))).toEqual(
              c.expect.matched.map((m) => ({ effect: expect.any(String), ...m }))
            )
          }
          if (c.expect.missing) expect([...full.missingContextKeys].sort()).toEqual([...c.expect.missing].sort())
          if (c.expect.message !== undefined) expect(formatAccessDenied(request, full)).toBe(c.expect.message)
        })
      }
    })
  }
})
