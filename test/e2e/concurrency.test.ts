/** Concurrency through the real server: the store's invariants hold under parallel requests. */
import { CreatePolicyCommand, CreatePolicyVersionCommand, CreateRoleCommand, ListPolicyVersionsCommand } from '@aws-sdk/client-iam'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startWarden, type RunningWarden } from '../helpers/warden.js'

let w: RunningWarden
beforeAll(async () => {
  w = await startWarden()
})
afterAll(async () => {
  await w.stop()
})

const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] })
const doc = (n: number) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: `V${n}`, Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] })

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p
    return 'ok'
  } catch (e) {
    // The SDK names modeled errors after their shapes (EntityAlreadyExistsException); the AWS code drops the suffix.
    return (e as { name: string }).name.replace(/Exception$/, '')
  }
}

it('50 parallel CreateRole of one name (mixed case) give exactly one success and 49 EntityAlreadyExists', async () => {
  const iam = w.iam()
  const names = Array.from({ length: 50 }, (_, i) => (i % 2 ? 'TrainingRole' : 'trainingrole'))
  const results: string[] = await Promise.all(names.map((RoleName) => outcome(iam.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: trust })))))
  expect(results.filter((r) => r === 'ok')).toHaveLength(1)
  expect(results.filter((r) => r === 'EntityAlreadyExists')).toHaveLength(49)
})

it('parallel CreatePolicyVersion never exceeds 5 versions', async () => {
  const iam = w.iam()
  const created = await iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: doc(0) }))
  const arn = created.Policy!.Arn!
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => outcome(iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc(i + 1), SetAsDefault: i % 3 === 0 })))))
  expect(results.filter((r) => r === 'ok')).toHaveLength(4)
  expect(results.filter((r) => r === 'LimitExceeded')).toHaveLength(16)
  const versions = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))
  expect(versions.Versions).toHaveLength(5)
  expect(versions.Versions!.filter((v) => v.IsDefaultVersion)).toHaveLength(1)
})
