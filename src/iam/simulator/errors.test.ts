import { afterEach, beforeEach, describe, it } from 'vitest'
import { expectAwsError } from '../roles/expect-aws-error.js'
import { createTestContext, type TestContext } from '../shared/testing.js'
import { getContextKeysForCustomPolicy } from './get-context-keys-for-custom-policy.js'
import { getContextKeysForPrincipalPolicy } from './get-context-keys-for-principal-policy.js'
import { simulateCustomPolicy } from './simulate-custom-policy.js'
import { simulatePrincipalPolicy } from './simulate-principal-policy.js'

const ACCT = '123456789012'
const GOOD = JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } })
const custom = { PolicyInputList: [GOOD], ActionNames: ['s3:GetObject'] }

let ctx: TestContext
beforeEach(async () => { ctx = await createTestContext() })
afterEach(async () => { await ctx.store.close() })

describe('PolicySourceArn', () => {
  it('NoSuchEntity for a user, group or role that does not exist (in this account, at this path)', async () => {
    await ctx.store.createUser({ name: 'alice', path: '/eng/' })
    await expectAwsError(simulatePrincipalPolicy.handler({ PolicySourceArn: `arn:aws:iam::${ACCT}:user/ghost`, ActionNames: ['s3:GetObject'] }, ctx), 'NoSuchEntity', 'The user with name ghost cannot be found.')
    await expectAwsError(simulatePrincipalPolicy.handler({ PolicySourceArn: `arn:aws:iam::${ACCT}:role/ghost`, ActionNames: ['s3:GetObject'] }, ctx), 'NoSuchEntity', 'The role with name ghost cannot be found.')
    await expectAwsError(getContextKeysForPrincipalPolicy.handler({ PolicySourceArn: `arn:aws:iam::${ACCT}:group/ghost` }, ctx), 'NoSuchEntity', 'The group with name ghost cannot be found.')
    await expectAwsError(simulatePrincipalPolicy.handler({ PolicySourceArn: `arn:aws:iam::${ACCT}:user/alice`, ActionNames: ['s3:GetObject'] }, ctx), 'NoSuchEntity', 'The user with name alice cannot be found.')
    await expectAwsError(simulatePrincipalPolicy.handler({ PolicySourceArn: 'arn:aws:iam::444455556666:user/eng/alice', ActionNames: ['s3:GetObject'] }, ctx), 'NoSuchEntity')
  })

  it('InvalidInput, in AWS\'s words, for an ARN that is not a user, group or role', async () => {
    const session = `arn:aws:sts::${ACCT}:assumed-role/r/s`
    await expectAwsError(simulatePrincipalPolicy.handler({ PolicySourceArn: session, ActionNames: ['s3:GetObject'] }, ctx), 'InvalidInput',
      `Invalid Entity Arn: ${session} does not clearly define entity type and name.`)
    await expectAwsError(getContextKeysForPrincipalPolicy.handler({ PolicySourceArn: `arn:aws:iam::${ACCT}:policy/p` }, ctx), 'InvalidInput')
  })
})

describe('request members', () => {
  it('refuses wildcard and malformed action names', async () => {
    await expectAwsError(simulateCustomPolicy.handler({ ...custom, ActionNames: ['s3:*'] }, ctx), 'InvalidInput', 'Invalid action name s3:*: the simulator does not take wildcards in action names.')
    await expectAwsError(simulateCustomPolicy.handler({ ...custom, ActionNames: ['GetObject'] }, ctx), 'InvalidInput', 'Invalid action name GetObject: an action name is a service prefix and an action, such as iam:CreateUser.')
  })

  it('refuses resources that are not ARNs, in AWS\'s words', async () => {
    const id = '14a050d4-021e-4efe-84bb-0871bf6d0fda'
    await expectAwsError(simulateCustomPolicy.handler({ ...custom, ResourceArns: ['*', id] }, ctx), 'InvalidInput', `ResourceNames are not in a valid ARN format: ${id}.`)
  })

  it('refuses a ResourceOwner that is not an account ARN, in AWS\'s words', async () => {
    await expectAwsError(simulateCustomPolicy.handler({ ...custom, ResourceOwner: '123456789012' }, ctx), 'InvalidInput', "'123456789012' is not a valid as a Resource Owner.")
  })

  it('refuses a CallerArn that is not a user', async () => {
    await expectAwsError(simulateCustomPolicy.handler({ ...custom, CallerArn: `arn:aws:iam::${ACCT}:role/r` }, ctx), 'InvalidInput', `CallerArn arn:aws:iam::${ACCT}:role/r is not the ARN of an IAM user; the simulated caller must be a user.`)
    await expectAwsError(simulateCustomPolicy.handler({ ...custom, CallerArn: 'bob' }, ctx), 'InvalidInput', 'Invalid Entity Arn: bob does not clearly define entity type and name.')
  })

  it('requires CallerArn with a ResourcePolicy when the source is not a user', async () => {
    const rp = JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' } })
    await expectAwsError(simulateCustomPolicy.handler({ ...custom, ResourcePolicy: rp }, ctx), 'InvalidInput', 'CallerArn is required when ResourcePolicy is given and PolicySourceArn is not the ARN of an IAM user.')
  })

  it('checks ResourceHandlingOption scenarios and the EC2 resources they need', async () => {
    const ec2 = (type: string) => `arn:aws:ec2:us-east-1:${ACCT}:${type}/x-1`
    const run = { ...custom, ActionNames: ['ec2:RunInstances'] }
    await expectAwsError(simulateCustomPolicy.handler({ ...run, ResourceHandlingOption: 'EC2-Classic-EBS' }, ctx), 'InvalidInput',
      'Invalid ResourceHandlingOption EC2-Classic-EBS: expected one of EC2-VPC-InstanceStore, EC2-VPC-InstanceStore-Subnet, EC2-VPC-EBS, EC2-VPC-EBS-Subnet.')
    await expectAwsError(simulateCustomPolicy.handler({ ...run, ResourceHandlingOption: 'EC2-VPC-EBS', ResourceArns: [ec2('instance'), ec2('security-group'), 'arn:aws:ec2:us-east-1::image/ami-1'] }, ctx), 'InvalidInput',
      'ResourceHandlingOption EC2-VPC-EBS needs ResourceArns of these EC2 resource types: network-interface, volume.')
    const ok = await simulateCustomPolicy.handler({
      ...run,
      PolicyInputList: [JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' } })],
      ResourceHandlingOption: 'EC2-VPC-InstanceStore',
      ResourceArns: [ec2('instance'), 'arn:aws:ec2:us-east-1::image/ami-1', ec2('security-group'), ec2('network-interface')]
    }, ctx)
    if (ok.EvaluationResults[0]?.ResourceSpecificResults?.length !== 4 || ok.EvaluationResults[0].EvalDecision !== 'allowed') throw new Error('scenario not simulated')
  })
})

describe('policies passed as text', () => {
  it('InvalidInput with IAM\'s policy message for a document IAM would not accept', async () => {
    await expectAwsError(simulateCustomPolicy.handler({ ...custom, PolicyInputList: [GOOD, '{"Version":"2012-10-17","Statement":{"Effect":"Allow"'] }, ctx), 'InvalidInput', 'Syntax errors in policy.')
    await expectAwsError(simulateCustomPolicy.handler({ ...custom, PolicyInputList: [JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*' } })] }, ctx), 'InvalidInput')
    // A resource policy needs a Principal; an identity policy must not have one.
    await expectAwsError(simulateCustomPolicy.handler({ ...custom, CallerArn: `arn:aws:iam::${ACCT}:user/u`, ResourcePolicy: GOOD }, ctx), 'InvalidInput')
    await expectAwsError(getContextKeysForCustomPolicy.handler({ PolicyInputList: ['not json'] }, ctx), 'InvalidInput', 'Syntax errors in policy.')
  })

  it('takes one permissions boundary', async () => {
    await expectAwsError(simulateCustomPolicy.handler({ ...custom, PermissionsBoundaryPolicyInputList: [GOOD, GOOD] }, ctx), 'InvalidInput', 'PermissionsBoundaryPolicyInputList takes one permissions boundary policy, not 2.')
  })
})
