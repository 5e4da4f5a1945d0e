/**
 * Compile cost of a heavy principal: 10 customer managed policies of about 6 KB each
 * (the managed-policy size limit is 6,144 characters without whitespace), parsed and
 * compiled into one policy set.
 */
import { parsePolicy } from '../src/policy/parse.js'
import { compilePolicySet, type CompiledPolicySet, type PolicyInput } from '../src/eval/index.js'

const services = ['s3', 'sagemaker', 'ecr', 'logs', 'ec2', 'batch', 'states', 'lambda', 'cloudwatch', 'kms']
const verbs = ['Get', 'List', 'Describe', 'Put', 'Create', 'Delete', 'Update', 'Start', 'Stop', 'Tag']

/** A deterministic policy document of about `targetChars` characters without whitespace. */
export function heavyPolicyDocument(seed: number, targetChars = 6000): string {
  const statements: unknown[] = []
  let i = 0
  const doc = () => JSON.stringify({ Version: '2012-10-17', Statement: statements })
  while (true) {
    const svc = services[(seed + i) % services.length]!
    const statement = {
      Sid: `S${seed}x${i}`,
      Effect: i % 7 === 6 ? 'Deny' : 'Allow',
      Action: [0, 1, 2, 3].map((k) => `${svc}:${verbs[(i + k) % verbs.length]}${k % 2 ? '*' : 'Resource' + k}`),
      Resource: [`arn:aws:${svc}:us-east-1:111122223333:thing/team-${seed}/${i}/*`, `arn:aws:${svc}:*:111122223333:other-${i}-*`],
      Condition: {
        StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] },
        StringLike: { 'aws:PrincipalTag/team': `ml-${seed}-*` },
        IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '2001:db8::/32'] }
      }
    }
    statements.push(statement)
    if (doc().length > targetChars) {
      statements.pop()
      return doc()
    }
    i++
  }
}

export function measureCompile(samples = 25): { policyBytes: number; parseMs: number; compileMs: number; heapKiB: number; sharedHeapKiB: number; samples: number } {
  const texts = Array.from({ length: 10 }, (_, k) => heavyPolicyDocument(k))
  const parseTimes: number[] = []
  const compileTimes: number[] = []
  let inputs: PolicyInput[] = []
  for (let s = 0; s < samples; s++) {
    const t0 = performance.now()
    inputs = texts.map((text, k) => {
      const result = parsePolicy(text, { kind: 'identity', sizeLimit: 'managed' })
      if (!result.policy) throw new Error(`heavy policy ${k} rejected: ${result.message}`)
      return { id: `heavy-${k}`, type: 'identity' as const, policy: result.policy }
    })
    const t1 = performance.now()
    compilePolicySet({ identity: inputs })
    compileTimes.push(performance.now() - t1)
    parseTimes.push(t1 - t0)
  }
  const gc = (globalThis as { gc?: () => void }).gc
  const heap = () => {
    gc?.()
    return process.memoryUsage().heapUsed
  }
  // Unshared: every set compiles its own copies of the policies (distinct principals, distinct policies).
  const copies = Array.from({ length: 200 }, () => inputs.map((i) => ({ ...i, policy: structuredClone(i.policy) })))
  const beforeUnshared = heap()
  const unshared: CompiledPolicySet[] = copies.map((identity) => compilePolicySet({ identity }))
  const heapKiB = Math.round((heap() - beforeUnshared) / unshared.length / 1024)
  // Shared: the same policies attached to many principals compile once; each set adds only its index.
  const beforeShared = heap()
  const shared: CompiledPolicySet[] = Array.from({ length: 200 }, () => compilePolicySet({ identity: inputs }))
  const sharedHeapKiB = Math.round((heap() - beforeShared) / shared.length / 1024)
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  return { policyBytes: texts[0]!.length, parseMs: median(parseTimes), compileMs: median(compileTimes), heapKiB, sharedHeapKiB, samples }
}
