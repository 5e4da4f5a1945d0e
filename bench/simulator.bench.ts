/**
 * Policy simulator benchmark: SimulatePrincipalPolicy with 10 actions x 10 resources per call
 * for the SageMaker developer of guide 001 (AmazonSageMakerFullAccess,
 * AmazonEC2ContainerRegistryFullAccess, IAMReadOnlyAccess and the guide's S3/ECR policy).
 *
 * 1. In process, interleaved round by round: the engine's own compiled path (the principal's
 *    cached set, `evaluate` in explain mode without derived keys, as the simulator runs it;
 *    the fast path for reference) against the SimulatePrincipalPolicy handler (checks,
 *    context, evaluation, result shapes). CPU time per evaluation and their ratio (target <= 2).
 * 2. Through HTTP: `bin/warden serve` on core 0, wrk -c16 on core 1 replaying pre-signed
 *    calls by a user allowed iam:SimulatePrincipalPolicy (SigV4, authorization, decoding,
 *    XML of 10 results with 10 resource results each). Requests/s and cost per evaluation.
 *
 *   npm run bench:simulator [-- --rounds 5 --seconds 4]
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { AttachUserPolicyCommand, CreateAccessKeyCommand, CreatePolicyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam'
import type { AuthorizationRequest } from '../src/eval/index.js'
import { createTestContext } from '../src/iam/shared/testing.js'
import { simulatePrincipalPolicy } from '../src/iam/simulator/simulate-principal-policy.js'
import { RevisionTracker, withTrackedRevision } from '../src/server/revision.js'
import { openSqliteStore } from '../src/store/index.js'
import { median, pinned, signedLine, waitFor, wrk } from './lib/http-load.js'

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, seconds: { type: 'string', default: '4' }, 'no-http': { type: 'boolean', default: false } } })
const rounds = Number(args.rounds)
const seconds = Number(args.seconds)
const ACCOUNT = '123456789012'
const USER = 'sagemaker-developer'
const MANAGED = ['AmazonSageMakerFullAccess', 'AmazonEC2ContainerRegistryFullAccess', 'IAMReadOnlyAccess'].map((n) => `arn:aws:iam::aws:policy/${n}`)
const VESSEL = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'S3AccessForVesselSegmentation', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::vessel-segmentation-data', 'arn:aws:s3:::vessel-segmentation-data/*'] },
    { Sid: 'ECRAccess', Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'], Resource: '*' },
    { Sid: 'CloudWatchLogs', Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], Resource: 'arn:aws:logs:*:*:*' }
  ]
}, null, 4)
const ACTIONS = [
  's3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:DeleteBucket', 'ecr:BatchGetImage',
  'sagemaker:CreateTrainingJob', 'iam:GetRole', 'iam:PassRole', 'logs:PutLogEvents', 'ec2:RunInstances'
]
const RESOURCES = [
  ...Array.from({ length: 6 }, (_, i) => `arn:aws:s3:::vessel-segmentation-data/train/batch-${i}.npy`),
  'arn:aws:s3:::other-team-data/secret.csv',
  `arn:aws:iam::${ACCOUNT}:role/SageMaker-UNetTraining-ExecutionRole`,
  `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/unet-1`,
  `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/unet`
]
const CONTEXT = [{ ContextKeyName: 'iam:PassedToService', ContextKeyType: 'string' as const, ContextKeyValues: ['sagemaker.amazonaws.com'] }]
const INPUT = { PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/${USER}`, ActionNames: ACTIONS, ResourceArns: RESOURCES, ContextEntries: CONTEXT }
const PER_CALL = ACTIONS.length * RESOURCES.length

// ---- 1. in process ------------------------------------------------------------------------
// The store as the server's request path sees it: the revision read is cached (src/server/revision.ts).
const raw = await openSqliteStore({ filename: ':memory:' })
await raw.initAccount(ACCOUNT)
const ctx = await createTestContext({ accountId: ACCOUNT, store: withTrackedRevision(raw, new RevisionTracker(raw)) })
await ctx.store.createUser({ name: USER })
await ctx.store.createPolicy({ name: 'VesselSegmentationS3ECRAccess', document: VESSEL })
for (const arn of [...MANAGED, `arn:aws:iam::${ACCOUNT}:policy/VesselSegmentationS3ECRAccess`]) await ctx.store.attachPolicy({ type: 'user', name: USER }, arn)
const stored = (await ctx.policySets.load('user', USER))!
const principal = { arn: INPUT.PolicySourceArn, accountId: ACCOUNT, type: 'User' as const, username: USER, userId: stored.principal.id }
const requests: AuthorizationRequest[] = ACTIONS.flatMap((action) => RESOURCES.map((resource) => ({
  principal, action, resource, resourceAccount: ACCOUNT, context: { 'iam:PassedToService': 'sagemaker.amazonaws.com' }
})))

// Both sides must agree before anything is timed.
const check = await simulatePrincipalPolicy.handler(INPUT, ctx)
for (const [a, r] of check.EvaluationResults.entries()) {
  for (const [i, rr] of r.ResourceSpecificResults!.entries()) {
    const engine = stored.compiled.evaluate(requests[a * RESOURCES.length + i]!, { explain: true, deriveContext: false }).decision
    const expected = engine === 'Allow' ? 'allowed' : engine === 'ExplicitDeny' ? 'explicitDeny' : 'implicitDeny'
    if (rr.EvalResourceDecision !== expected) throw new Error(`${r.EvalActionName} on ${rr.EvalResourceName}: simulator ${rr.EvalResourceDecision}, engine ${expected}`)
  }
}
const allowed = check.EvaluationResults.flatMap((r) => r.ResourceSpecificResults!).filter((r) => r.EvalResourceDecision === 'allowed').length

/**
 * CPU time (user + system, all threads: GC included) in ns: on a shared machine, wall time
 * mostly measures the other processes, CPU time measures the work.
 */
function cpuNs(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) * 1000
}

function timeEngine(explain: boolean, evaluations: number): number {
  const started = cpuNs()
  let sink = 0
  for (let i = 0; i < evaluations; i++) {
    sink += stored.compiled.evaluate(requests[i % PER_CALL]!, { explain, deriveContext: false }).matched.length
  }
  if (sink < 0) console.log(sink)
  return (cpuNs() - started) / evaluations
}

async function timeHandler(calls: number): Promise<number> {
  const started = cpuNs()
  for (let i = 0; i < calls; i++) await simulatePrincipalPolicy.handler(INPUT, ctx)
  return (cpuNs() - started) / (calls * PER_CALL)
}

const CALLS = 1500
timeEngine(true, 200_000)
await timeHandler(1000)
const engineExplain: number[] = []
const engineFast: number[] = []
const handler: number[] = []
for (let round = 0; round < rounds; round++) {
  engineExplain.push(timeEngine(true, CALLS * PER_CALL))
  handler.push(await timeHandler(CALLS))
  engineFast.push(timeEngine(false, CALLS * PER_CALL))
}
const e = median(engineExplain)
const h = median(handler)
const best = (xs: number[]) => Math.min(...xs).toFixed(0)
console.log(`${ACTIONS.length} actions x ${RESOURCES.length} resources per call (${allowed} of ${PER_CALL} allowed), ${rounds} rounds of ${CALLS} calls, CPU time, median (best):`)
console.log(`  engine, compiled set, explain (as the simulator runs it): ${e.toFixed(0)} (${best(engineExplain)}) ns/evaluation`)
console.log(`  engine, compiled set, fast path (enforcement):           ${median(engineFast).toFixed(0)} (${best(engineFast)}) ns/evaluation`)
console.log(`  SimulatePrincipalPolicy handler:                         ${h.toFixed(0)} (${best(handler)}) ns/evaluation = ${(1e9 / (h * PER_CALL)).toFixed(0)} calls/s`)
console.log(`  ratio handler / engine explain: median ${(h / e).toFixed(2)}, per round ${handler.map((x, i) => (x / engineExplain[i]!).toFixed(2)).join(' ')}`)
await ctx.store.close()

// ---- 2. through HTTP ----------------------------------------------------------------------
if (!args['no-http']) {
  const ROOT = { accessKeyId: 'AKIABENCHROOT0000001', secretAccessKey: 'benchRootSecret0000000000000000000000000' }
  const dir = mkdtempSync(join(tmpdir(), 'warden-sim-bench-'))
  const port = 4592
  const endpoint = `http://127.0.0.1:${port}`
  const server = pinned(process.execPath, ['bin/warden', 'serve', '--port', String(port), '--data', join(dir, 'warden')], {
    WARDEN_ACCOUNT_ID: ACCOUNT, WARDEN_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId, WARDEN_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey
  })
  await waitFor(`${endpoint}/health`)
  const iam = new IAMClient({ endpoint, region: 'us-east-1', credentials: ROOT })
  await iam.send(new CreateUserCommand({ UserName: USER }))
  const custom = await iam.send(new CreatePolicyCommand({ PolicyName: 'VesselSegmentationS3ECRAccess', PolicyDocument: VESSEL }))
  for (const arn of [...MANAGED, custom.Policy!.Arn!]) await iam.send(new AttachUserPolicyCommand({ UserName: USER, PolicyArn: arn }))
  await iam.send(new CreateUserCommand({ UserName: 'auditor' }))
  await iam.send(new PutUserPolicyCommand({ UserName: 'auditor', PolicyName: 'simulate', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:SimulatePrincipalPolicy', Resource: '*' }] }) }))
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'auditor' }))).AccessKey!
  const auditor = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }
  const viaSdk = await new IAMClient({ endpoint, region: 'us-east-1', credentials: auditor }).send(new SimulatePrincipalPolicyCommand(INPUT))
  if (viaSdk.EvaluationResults?.flatMap((r) => r.ResourceSpecificResults ?? []).filter((r) => r.EvalResourceDecision === 'allowed').length !== allowed) throw new Error('HTTP simulation disagrees with the in-process one')
  const form = new URLSearchParams({ Action: 'SimulatePrincipalPolicy', Version: '2010-05-08', PolicySourceArn: INPUT.PolicySourceArn })
  ACTIONS.forEach((a, i) => form.set(`ActionNames.member.${i + 1}`, a))
  RESOURCES.forEach((r, i) => form.set(`ResourceArns.member.${i + 1}`, r))
  form.set('ContextEntries.member.1.ContextKeyName', CONTEXT[0]!.ContextKeyName)
  form.set('ContextEntries.member.1.ContextKeyType', CONTEXT[0]!.ContextKeyType)
  form.set('ContextEntries.member.1.ContextKeyValues.member.1', CONTEXT[0]!.ContextKeyValues[0]!)
  const body = form.toString()
  const size = (await fetch(endpoint, { method: 'POST', body, headers: Object.fromEntries(signedLine(endpoint, auditor, 'iam', body).split('\t')[2]!.split('|').map((h) => [h.slice(0, h.indexOf(':')), h.slice(h.indexOf(':') + 1)])) }).then((r) => r.text())).length
  const file = join(dir, 'simulate.txt')
  writeFileSync(file, signedLine(endpoint, auditor, 'iam', body) + '\n')
  // The server's own CPU time (utime + stime, clock ticks) per request: what a request costs
  // whatever else the shared core is running.
  const ticks = (): number => {
    const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return Number(fields[11]) + Number(fields[12])
  }
  const TICK_NS = 1e7
  const runs = Array.from({ length: rounds }, () => {
    const before = ticks()
    const run = wrk(endpoint, file, seconds)
    return { ...run, cpuPerRequest: ((ticks() - before) * TICK_NS) / (run.rps * seconds) }
  })
  const rps = median(runs.map((r) => r.rps))
  const perEvaluation = 1e9 / (rps * PER_CALL)
  const cpuPerEvaluation = median(runs.map((r) => r.cpuPerRequest)) / PER_CALL
  console.log(`  HTTP (wrk -c16, server on one core): ${Math.round(rps)} requests/s, p99 ${median(runs.map((r) => r.p99ms)).toFixed(1)} ms, ` +
    `errors ${runs.reduce((a, r) => a + r.errors, 0)}, response ${(size / 1024).toFixed(1)} KiB, wall ${perEvaluation.toFixed(0)} ns/evaluation = ${(perEvaluation / e).toFixed(1)}x engine explain`)
  console.log(`  HTTP, server CPU time: ${(cpuPerEvaluation * PER_CALL / 1e6).toFixed(2)} ms/request, ${cpuPerEvaluation.toFixed(0)} ns/evaluation = ${(cpuPerEvaluation / e).toFixed(1)}x engine explain`)
}
process.exit(0)
