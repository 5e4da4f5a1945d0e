import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectAwsError } from '../roles/expect-aws-error.js'
import { createTestContext, type TestContext } from '../shared/testing.js'
import { createServiceLinkedRole } from './create-service-linked-role.js'
import { deleteServiceLinkedRole } from './delete-service-linked-role.js'
import { getServiceLinkedRoleDeletionStatus } from './get-service-linked-role-deletion-status.js'

const ACCT = '123456789012'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- outputs are model-shaped records
type Out = any

describe('service-linked role operations', () => {
  let ctx: TestContext
  beforeEach(async () => {
    ctx = await createTestContext()
  })
  afterEach(async () => ctx.store.close())

  it('CreateServiceLinkedRole makes the role AWS makes: name, path, trust policy and managed policy', async () => {
    const input = { AWSServiceName: 'batch.amazonaws.com', Description: 'for Batch' }
    expect(await createServiceLinkedRole.resource?.(input, ctx)).toBe(`arn:aws:iam::${ACCT}:role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch`)
    expect(await createServiceLinkedRole.conditionContext?.(input, ctx)).toEqual({ 'iam:AWSServiceName': 'batch.amazonaws.com' })
    const out: Out = await createServiceLinkedRole.handler(input, ctx)
    expect(out.Role.RoleName).toBe('AWSServiceRoleForBatch')
    expect(out.Role.Path).toBe('/aws-service-role/batch.amazonaws.com/')
    expect(out.Role.Arn).toBe(`arn:aws:iam::${ACCT}:role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch`)
    expect(out.Role.Description).toBe('for Batch')
    const trust = JSON.parse(decodeURIComponent(out.Role.AssumeRolePolicyDocument))
    expect(trust.Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'batch.amazonaws.com' }, Action: 'sts:AssumeRole' }])
    const attached = await ctx.store.listAttachedPolicies({ type: 'role', name: 'AWSServiceRoleForBatch' })
    expect(attached.items.map((p) => p.policyArn)).toEqual(['arn:aws:iam::aws:policy/aws-service-role/BatchServiceRolePolicy'])
  })

  it('the SageMaker service-linked role is AWSServiceRoleForAmazonSageMakerNotebooks', async () => {
    const out: Out = await createServiceLinkedRole.handler({ AWSServiceName: 'sagemaker.amazonaws.com' }, ctx)
    expect(out.Role.RoleName).toBe('AWSServiceRoleForAmazonSageMakerNotebooks')
  })

  it('creating one twice is InvalidInput, and nothing is half-created', async () => {
    await createServiceLinkedRole.handler({ AWSServiceName: 'spot.amazonaws.com' }, ctx)
    await expectAwsError(createServiceLinkedRole.handler({ AWSServiceName: 'spot.amazonaws.com' }, ctx), 'InvalidInput',
      'Service role name AWSServiceRoleForEC2Spot has been taken in this account, please try a different suffix.')
    expect((await ctx.store.listRoles()).items).toHaveLength(1)
  })

  it('CustomSuffix is appended where the service allows one and refused elsewhere', async () => {
    const out: Out = await createServiceLinkedRole.handler({ AWSServiceName: 'autoscaling.amazonaws.com', CustomSuffix: 'gpu' }, ctx)
    expect(out.Role.RoleName).toBe('AWSServiceRoleForAutoScaling_gpu')
    await createServiceLinkedRole.handler({ AWSServiceName: 'autoscaling.amazonaws.com' }, ctx)
    await expectAwsError(createServiceLinkedRole.handler({ AWSServiceName: 'ecs.amazonaws.com', CustomSuffix: 'x' }, ctx), 'InvalidInput',
      'Custom suffix is not allowed for ecs.amazonaws.com')
  })

  it('an unknown service is InvalidInput', async () => {
    await expectAwsError(createServiceLinkedRole.handler({ AWSServiceName: 'nosuch.amazonaws.com' }, ctx), 'InvalidInput')
    expect((await ctx.store.listRoles()).items).toHaveLength(0)
  })

  it('DeleteServiceLinkedRole returns a task id; the role is gone and the task SUCCEEDED', async () => {
    await createServiceLinkedRole.handler({ AWSServiceName: 'ecs.amazonaws.com' }, ctx)
    const out: Out = await deleteServiceLinkedRole.handler({ RoleName: 'AWSServiceRoleForECS' }, ctx)
    expect(out.DeletionTaskId).toMatch(/^task\/aws-service-role\/ecs\.amazonaws\.com\/AWSServiceRoleForECS\/[0-9a-f-]{36}$/)
    expect(await ctx.store.getRole('AWSServiceRoleForECS')).toBeUndefined()
    const input = { DeletionTaskId: out.DeletionTaskId }
    expect(await getServiceLinkedRoleDeletionStatus.handler(input, ctx)).toEqual({ Status: 'SUCCEEDED' })
    expect(await getServiceLinkedRoleDeletionStatus.resource?.(input, ctx)).toBe(`arn:aws:iam::${ACCT}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`)
    // It can be created again afterwards.
    await createServiceLinkedRole.handler({ AWSServiceName: 'ecs.amazonaws.com' }, ctx)
  })

  it('DeleteServiceLinkedRole refuses a missing or ordinary role; the status of an unknown task is NoSuchEntity', async () => {
    await expectAwsError(deleteServiceLinkedRole.handler({ RoleName: 'Nope' }, ctx), 'NoSuchEntity', 'The role with name Nope cannot be found.')
    await ctx.store.createRole({ name: 'Plain', assumeRolePolicyDocument: '{}' })
    await expectAwsError(deleteServiceLinkedRole.handler({ RoleName: 'Plain' }, ctx), 'NoSuchEntity')
    expect(await ctx.store.getRole('Plain')).toBeDefined()
    await expectAwsError(getServiceLinkedRoleDeletionStatus.handler({ DeletionTaskId: 'task/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS/0000' }, ctx), 'NoSuchEntity')
    await expectAwsError(getServiceLinkedRoleDeletionStatus.handler({ DeletionTaskId: 'garbage' }, ctx), 'InvalidInput')
  })
})
