/**
 * Differential test: Warden's engine and @cloud-copilot/iam-simulate (AGPL, devDependency,
 * never imported from src/) decide the same generated requests. Every disagreement is
 * either a bug to fix or pinned in known-differences.test.ts with the AWS documentation
 * that shows who is right.
 */
import { describe, expect, it } from 'vitest'
import { parsePolicy } from '../../src/policy/parse.js'
import type { PolicyKind } from '../../src/policy/model.js'
import { evaluate, type Decision, type PolicyInput, type PolicySet, type RequestPrincipal } from '../../src/eval/index.js'
import { peerAuthorizer, type PeerDecision } from '../../bench/iam-simulate-peer.js'
import { ACCOUNT, REQUEST_ACTIONS, REQUEST_RESOURCES, identityPolicy, pick, prng, requestContext, resourcePolicy } from './generate.js'

const asPeer: Record<Decision, PeerDecision> = { Allow: 'Allowed', ImplicitDeny: 'ImplicitlyDenied', ExplicitDeny: 'ExplicitlyDenied' }
const NOW = '2026-11-23T08:00:00Z'

interface Principal { warden: RequestPrincipal; peerContext: Record<string, string> }

const alice: Principal = {
  warden: { arn: `arn:aws:iam::${ACCOUNT}:user/alice`, accountId: ACCOUNT, type: 'User', username: 'alice', userId: 'AIDAEXAMPLEALICE00001' },
  peerContext: { 'aws:username': 'alice', 'aws:userid': 'AIDAEXAMPLEALICE00001', 'aws:PrincipalType': 'User', 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:user/alice`, 'aws:PrincipalAccount': ACCOUNT }
}
const trainer: Principal = {
  warden: {
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/SageMakerExec/job-1`, accountId: ACCOUNT, type: 'AssumedRole',
    roleArn: `arn:aws:iam::${ACCOUNT}:role/SageMakerExec`, userId: 'AROAEXAMPLEROLE000001:job-1'
  },
  peerContext: { 'aws:userid': 'AROAEXAMPLEROLE000001:job-1', 'aws:PrincipalType': 'AssumedRole', 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/SageMakerExec`, 'aws:PrincipalAccount': ACCOUNT }
}
const resourcePrincipals = [
  { AWS: `arn:aws:iam::${ACCOUNT}:user/alice` }, { AWS: `arn:aws:iam::${ACCOUNT}:root` }, { AWS: ACCOUNT }, '*',
  { AWS: `arn:aws:iam::${ACCOUNT}:user/bob` }, { AWS: `arn:aws:iam::${ACCOUNT}:role/SageMakerExec` },
  { Service: 'sagemaker.amazonaws.com' }
]

const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }

function model(doc: unknown, kind: PolicyKind, id: string, type: PolicyInput['type']): PolicyInput {
  const parsed = parsePolicy(JSON.stringify(doc), { kind, sizeLimit: 'none' })
  if (!parsed.policy) throw new Error(`generated policy rejected (${parsed.message}): ${JSON.stringify(doc)}`)
  return { id, type, policy: parsed.policy }
}

interface Case {
  seed: number
  principal: Principal
  identity: unknown[]
  boundary?: unknown
  resource?: unknown
  session?: unknown
  scp?: unknown[][]
  action: string
  resourceArn: string
  context: Record<string, string | string[]>
}

function generate(seed: number): Case {
  const rand = prng(seed)
  const principal = rand() < 0.6 ? alice : trainer
  const c: Case = {
    seed,
    principal,
    identity: Array.from({ length: 1 + Math.floor(rand() * 2) }, () => identityPolicy(rand)),
    action: pick(rand, REQUEST_ACTIONS),
    resourceArn: pick(rand, REQUEST_RESOURCES),
    context: { ...requestContext(rand, principal.warden.username), 'aws:CurrentTime': NOW }
  }
  if (rand() < 0.3) c.boundary = identityPolicy(rand)
  if (rand() < 0.35) c.resource = resourcePolicy(rand, resourcePrincipals)
  // Session policies only where no resource policy could name the session ARN (a known difference, pinned in known-differences.test.ts).
  if (principal === trainer && !c.resource && rand() < 0.4) c.session = identityPolicy(rand)
  if (rand() < 0.2) c.scp = Array.from({ length: 1 + Math.floor(rand() * 2) }, () => [allowAll, identityPolicy(rand)].slice(rand() < 0.5 ? 0 : 1))
  return c
}

function decideWarden(c: Case): PeerDecision {
  const set: PolicySet = {
    identity: c.identity.map((doc, i) => model(doc, 'identity', `identity-${i}`, 'identity')),
    boundary: c.boundary ? [model(c.boundary, 'boundary', 'boundary', 'boundary')] : undefined,
    resource: c.resource ? [model(c.resource, 'resource', 'resource', 'resource')] : undefined,
    session: c.session ? [model(c.session, 'session', 'session', 'session')] : undefined,
    scp: c.scp?.map((level, i) => level.map((doc, k) => model(doc, 'scp', `scp-${i}-${k}`, 'scp')))
  }
  const request = { principal: c.principal.warden, action: c.action, resource: c.resourceArn, resourceAccount: ACCOUNT, context: c.context }
  return asPeer[evaluate(set, request, { now: new Date(NOW) }).decision]
}

function decidePeer(c: Case): PeerDecision {
  const authorize = peerAuthorizer({
    identity: c.identity.map((policy, i) => ({ name: `identity-${i}`, policy })),
    boundary: c.boundary ? [{ name: 'boundary', policy: c.boundary }] : undefined,
    resource: c.resource,
    session: c.session,
    scp: c.scp
  })
  const context: Record<string, string | string[]> = { ...c.principal.peerContext, ...c.context }
  return authorize(c.principal.warden.arn, c.action, c.resourceArn, ACCOUNT, context)
}

describe('engine agrees with iam-simulate on generated policies and requests', () => {
  const CASES = 3000
  it(`decides ${CASES} generated cases the same way`, () => {
    const disagreements: string[] = []
    const tally: Record<string, number> = {}
    for (let seed = 1; seed <= CASES; seed++) {
      const c = generate(seed)
      const ours = decideWarden(c)
      const theirs = decidePeer(c)
      tally[ours] = (tally[ours] ?? 0) + 1
      if (ours !== theirs && disagreements.length < (process.env.DIFF_ALL ? 100000 : 5)) {
        disagreements.push(`seed ${seed}: warden ${ours}, iam-simulate ${theirs}\n${JSON.stringify(c, null, 1)}`)
      }
    }
    expect(disagreements).toEqual([])
    // The generator must exercise every outcome, or the comparison proves little.
    expect(tally.Allowed ?? 0).toBeGreaterThan(CASES / 20)
    expect(tally.ExplicitlyDenied ?? 0).toBeGreaterThan(CASES / 20)
    expect(tally.ImplicitlyDenied ?? 0).toBeGreaterThan(CASES / 20)
  })
})
