/**
 * Engine benchmark: the shared workload (../shared/bench/engine-workload.mjs) decided by
 * Warden's compiled engine and by iam-simulate's core `authorize` in the same run, rounds
 * interleaved so machine noise hits both alike. Every decision is asserted first.
 *
 *   npm run bench:engine [-- --rounds 7 --seconds 1]
 */
import { parseArgs } from 'node:util'
import { parsePolicy } from '../src/policy/parse.js'
import { compilePolicySet, type AuthorizationRequest, type Decision } from '../src/eval/index.js'
import { peerAuthorizer, type PeerDecision } from './iam-simulate-peer.js'
import { measureCompile } from './compile-cost.js'
// @ts-expect-error -- the shared workload is plain JavaScript without types
import * as workload from '../../shared/bench/engine-workload.mjs'

const { values: args } = parseArgs({
  options: { rounds: { type: 'string', default: '7' }, seconds: { type: 'string', default: '1' } }
})
const rounds = Number(args.rounds)
const seconds = Number(args.seconds)

interface WorkItem { action: string; resource: string; context: Record<string, string>; expected: PeerDecision }
const items: WorkItem[] = workload.makeRequests(16 * 1000)

const parsed = parsePolicy(JSON.stringify(workload.IDENTITY_POLICY), { kind: 'identity', sizeLimit: 'managed' })
if (!parsed.policy) throw new Error(`workload policy rejected: ${parsed.message}`)
const compiled = compilePolicySet({ identity: [{ id: 'VesselSegExecPolicy', type: 'identity', policy: parsed.policy }] })

const principal = {
  arn: workload.PRINCIPAL as string,
  accountId: workload.ACCOUNT as string,
  type: 'AssumedRole' as const,
  roleArn: `arn:aws:iam::${workload.ACCOUNT}:role/${workload.ROLE_NAME}`,
  userId: `AROAEXAMPLEROLEID0001:SageMaker`
}
const requests: AuthorizationRequest[] = items.map((r) => ({ principal, action: r.action, resource: r.resource, context: r.context }))
const asPeer: Record<Decision, PeerDecision> = { Allow: 'Allowed', ImplicitDeny: 'ImplicitlyDenied', ExplicitDeny: 'ExplicitlyDenied' }

const peer = peerAuthorizer({ identity: [{ name: 'VesselSegExecPolicy', policy: workload.IDENTITY_POLICY }] })

// Every decision, both engines, checked before anything is timed.
for (let i = 0; i < items.length; i++) {
  const item = items[i]!
  const ours = asPeer[compiled.evaluate(requests[i]!, { explain: false }).decision]
  const theirs = peer(workload.PRINCIPAL, item.action, item.resource, workload.ACCOUNT, item.context)
  if (ours !== item.expected || theirs !== item.expected) {
    throw new Error(`decision mismatch on ${item.action} ${item.resource}: expected ${item.expected}, warden ${ours}, iam-simulate ${theirs}`)
  }
}

function timeRound(run: () => void): number {
  let n = 0
  const start = performance.now()
  let elapsed = 0
  do {
    run()
    n += items.length
    elapsed = performance.now() - start
  } while (elapsed < seconds * 1000)
  return n / (elapsed / 1000)
}

let sink = 0
const ourRates: number[] = []
const peerRates: number[] = []
for (let round = 0; round < rounds; round++) {
  ourRates.push(timeRound(() => {
    for (const req of requests) sink += compiled.evaluate(req, { explain: false }).decision.length
  }))
  peerRates.push(timeRound(() => {
    for (const item of items) sink += peer(workload.PRINCIPAL, item.action, item.resource, workload.ACCOUNT, item.context).length
  }))
}
const ours = workload.median(ourRates) as number
const theirs = workload.median(peerRates) as number
const withExplain = timeRound(() => {
  for (const req of requests) sink += compiled.evaluate(req, { explain: true }).matched.length
})
const compile = measureCompile()
console.log(`rounds: ${rounds} x ${seconds}s each; warden ${ourRates.map((r) => Math.round(r)).join(' ')}; iam-simulate ${peerRates.map((r) => Math.round(r)).join(' ')}`)
console.log(`with explanations (matched statements): ${Math.round(withExplain)} decisions/s`)
console.log(`compile: 10 managed policies of ${compile.policyBytes} bytes: parse ${compile.parseMs.toFixed(2)} ms, compile ${compile.compileMs.toFixed(2)} ms (median of ${compile.samples}); heap per compiled set ~${compile.heapKiB} KiB, ~${compile.sharedHeapKiB} KiB when the policies are shared with other principals`)
if (sink === -1) console.log('unreachable')
console.log(`engine: ${Math.round(ours)} decisions/s, iam-simulate: ${Math.round(theirs)} decisions/s, ratio ${(ours / theirs).toFixed(1)}`)
