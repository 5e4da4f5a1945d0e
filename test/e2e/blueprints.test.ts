/**
 * Each built-in blueprint applied to a fresh account, then its guide's workflow run as the
 * principals it created (real calls where Warden serves them; S3, SageMaker, EC2 and Batch
 * permissions through the pure engine with the policies read back from the server). Plan
 * after apply is empty, a second apply changes nothing, destroy leaves nothing behind.
 */
import * as iam from '@aws-sdk/client-iam'
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { CompiledPolicySet } from '../../src/eval/index.js'
import { OWNER_TAG, builtinNames, planApply, planRemoval } from '../../src/blueprints/index.js'
import { applyBlueprint, builtin, destroyBlueprint, inventory, policiesFromServer } from '../helpers/blueprints.js'
import { errorOf, startWarden, TEST_ACCOUNT_ID, type RunningWarden } from '../helpers/warden.js'

let w: RunningWarden
let client: iam.IAMClient
beforeAll(async () => {
  w = await startWarden()
  client = w.iam()
})
afterAll(async () => {
  await w.stop()
})
beforeEach(async () => {
  await w.reset()
})

const ACCOUNT = TEST_ACCOUNT_ID
const decide = (set: CompiledPolicySet, action: string, resource: string, context: Record<string, string> = {}) =>
  set.evaluate({ principal: { arn: `arn:aws:iam::${ACCOUNT}:user/tester`, accountId: ACCOUNT, type: 'User', username: 'tester' }, action, resource, context }, { explain: false }).decision

describe.each(builtinNames())('blueprint %s', (name) => {
  it('applies to a fresh account; then plan is empty, a second apply changes nothing, and destroy leaves nothing behind', async () => {
    const before = await inventory(client)
    const bp = builtin(w, name)
    const { plan, result } = await applyBlueprint(client, bp)
    expect(plan.changes.every((c) => c.kind === 'create')).toBe(true)
    expect(result.done.length).toBeGreaterThanOrEqual(plan.steps.length)
    const replan = await planApply(client, bp)
    expect(replan.steps).toEqual([])
    expect(replan.changes.filter((c) => c.kind !== 'keep')).toEqual([])
    const second = await applyBlueprint(client, bp)
    expect(second.result.done).toEqual([])
    // Everything the blueprint made carries its mark.
    for (const r of bp.roles) {
      expect((await client.send(new iam.GetRoleCommand({ RoleName: r.name }))).Role!.Tags).toContainEqual({ Key: OWNER_TAG, Value: name })
    }
    for (const p of bp.policies) expect((await client.send(new iam.GetPolicyCommand({ PolicyArn: p.arn }))).Policy!.Tags).toContainEqual({ Key: OWNER_TAG, Value: name })
    for (const g of bp.groups) expect((await client.send(new iam.GetGroupCommand({ GroupName: g.name }))).Group!.Path).toBe(`/warden/${name}/`)

    await destroyBlueprint(client, name, w.accountId)
    expect(await inventory(client)).toEqual(before)
    expect((await planRemoval(client, name, w.accountId)).steps).toEqual([])
  })
})

describe('ec2-training (guide 000)', () => {
  it('the user assumes the training role; neither the user nor the role can do anything else in IAM', async () => {
    const { result } = await applyBlueprint(client, builtin(w, 'ec2-training', { bucket: 'team-ckpt' }))
    expect(result.accessKeys.map((k) => k.userName)).toEqual(['EC2-Training-User'])
    const key = result.accessKeys[0]!
    const user = { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey }
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/EC2-Training-Role`
    const session = await w.sts(user).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'training' }))
    const creds = { accessKeyId: session.Credentials!.AccessKeyId!, secretAccessKey: session.Credentials!.SecretAccessKey!, sessionToken: session.Credentials!.SessionToken! }
    expect((await w.sts(creds).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/EC2-Training-Role/training`)
    expect((await errorOf(w.iam(creds).send(new iam.CreateUserCommand({ UserName: 'intruder' })))).name).toBe('AccessDenied')
    expect((await errorOf(w.iam(user).send(new iam.ListUsersCommand({})))).name).toBe('AccessDenied')

    const profile = (await client.send(new iam.GetInstanceProfileCommand({ InstanceProfileName: 'EC2-Training-Role' }))).InstanceProfile!
    expect(profile.Roles!.map((r) => r.RoleName)).toEqual(['EC2-Training-Role'])
    const trust = JSON.parse(decodeURIComponent((await client.send(new iam.GetRoleCommand({ RoleName: 'EC2-Training-Role' }))).Role!.AssumeRolePolicyDocument!))
    expect(trust.Statement.map((s: { Principal: unknown }) => s.Principal)).toEqual([{ AWS: `arn:aws:iam::${ACCOUNT}:user/EC2-Training-User` }, { Service: 'ec2.amazonaws.com' }])

    const role = await policiesFromServer(client, 'role', 'EC2-Training-Role')
    expect(decide(role, 's3:GetObject', 'arn:aws:s3:::team-ckpt/run-1/ckpt.pt')).toBe('Allow')
    expect(decide(role, 's3:ListBucket', 'arn:aws:s3:::team-ckpt')).toBe('Allow')
    expect(decide(role, 's3:GetObject', 'arn:aws:s3:::someone-elses-bucket/x')).toBe('ImplicitDeny')
    expect(decide(role, 's3:DeleteObject', 'arn:aws:s3:::team-ckpt/x')).toBe('ImplicitDeny')
    expect(decide(role, 'logs:PutLogEvents', `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/ec2/training-logs:log-stream:i-0abc`)).toBe('Allow')
    expect(decide(role, 'logs:PutLogEvents', `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/other:log-stream:x`)).toBe('ImplicitDeny')
    expect(decide(role, 'ec2:StopInstances', `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abc`)).toBe('Allow')
    expect(decide(role, 'ec2:RequestSpotInstances', '*', { 'aws:RequestedRegion': 'us-east-1' })).toBe('Allow')
    expect(decide(role, 'ec2:RequestSpotInstances', '*', { 'aws:RequestedRegion': 'eu-west-1' })).toBe('ImplicitDeny')
    expect(decide(role, 'iam:PassRole', roleArn, { 'iam:PassedToService': 'ec2.amazonaws.com' })).toBe('Allow')
    expect(decide(role, 'iam:PassRole', roleArn, { 'iam:PassedToService': 'lambda.amazonaws.com' })).toBe('ImplicitDeny')
  })

  it('trusts an existing user instead of creating one (create_user=false)', async () => {
    await client.send(new iam.CreateUserCommand({ UserName: 'alice' }))
    const { plan } = await applyBlueprint(client, builtin(w, 'ec2-training', { user: 'alice', create_user: 'false' }))
    expect(plan.changes.map((c) => `${c.kind} ${c.entity}`)).toEqual(['create policy', 'create role', 'create instance profile'])
    await destroyBlueprint(client, 'ec2-training', w.accountId)
    // The user was not the blueprint's: it stays.
    expect((await inventory(client)).users).toEqual(['/alice'])
  })
})

describe('sagemaker-training (guide 001)', () => {
  it('the developer passes the execution role to SageMaker only, cannot create users, and the role reads its bucket only', async () => {
    const { result } = await applyBlueprint(client, builtin(w, 'sagemaker-training'))
    const key = result.accessKeys.find((k) => k.userName === 'sagemaker-developer')!
    const dev = { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey }
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/SageMaker-UNetTraining-ExecutionRole`
    expect((await w.sts(dev).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/sagemaker-developer`)
    // The guide's troubleshooting step: get-role on the execution role works, nothing else in IAM does.
    expect((await w.iam(dev).send(new iam.GetRoleCommand({ RoleName: 'SageMaker-UNetTraining-ExecutionRole' }))).Role!.Arn).toBe(roleArn)
    expect((await errorOf(w.iam(dev).send(new iam.CreateUserCommand({ UserName: 'backdoor' })))).name).toBe('AccessDenied')
    expect((await errorOf(w.iam(dev).send(new iam.AttachUserPolicyCommand({ UserName: 'sagemaker-developer', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' })))).name).toBe('AccessDenied')

    const developer = await policiesFromServer(client, 'user', 'sagemaker-developer')
    expect(decide(developer, 'iam:PassRole', roleArn, { 'iam:PassedToService': 'sagemaker.amazonaws.com' })).toBe('Allow')
    expect(decide(developer, 'iam:PassRole', roleArn, { 'iam:PassedToService': 'ec2.amazonaws.com' })).toBe('ImplicitDeny')
    expect(decide(developer, 'iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/SomeAdminRole`, { 'iam:PassedToService': 'sagemaker.amazonaws.com' })).toBe('ImplicitDeny')
    expect(decide(developer, 'sagemaker:CreateTrainingJob', `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/unet-1`)).toBe('Allow')
    expect(decide(developer, 'sagemaker:CreateEndpoint', `arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint/e`)).toBe('ImplicitDeny')
    expect(decide(developer, 'iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/x`)).toBe('ImplicitDeny')

    const execution = await policiesFromServer(client, 'role', 'SageMaker-UNetTraining-ExecutionRole')
    expect(decide(execution, 's3:GetObject', 'arn:aws:s3:::vessel-segmentation-data/train/0001.png')).toBe('Allow')
    expect(decide(execution, 's3:GetObject', 'arn:aws:s3:::another-bucket/train/0001.png')).toBe('ImplicitDeny')
    expect(decide(execution, 'ecr:BatchGetImage', `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/unet-training`)).toBe('Allow')
    expect(decide(execution, 'ecr:BatchGetImage', `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/other`)).toBe('ImplicitDeny')
    expect(decide(execution, 'logs:PutLogEvents', `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/sagemaker/TrainingJobs:log-stream:unet-1/algo-1`)).toBe('Allow')
  })

  it('deletes what the blueprint no longer declares (create_developer=false removes the user and its key)', async () => {
    await applyBlueprint(client, builtin(w, 'sagemaker-training'))
    const { plan } = await applyBlueprint(client, builtin(w, 'sagemaker-training', { create_developer: 'false' }))
    expect(plan.changes.filter((c) => c.kind !== 'keep').map((c) => `${c.kind} ${c.entity} ${c.name}`)).toEqual(['delete user sagemaker-developer'])
    const left = await inventory(client)
    expect(left.users).toEqual([])
    expect(left.accessKeys).toEqual([])
    expect(left.policies).toEqual(['/SageMakerDeveloperAccess', '/VesselSegmentationS3ECRAccess'])
  })
})

describe('ml-team-rbac (guide 002)', () => {
  it('admins manage the ML groups, engineers read data but cannot write it, analysts cannot change membership', async () => {
    await applyBlueprint(client, builtin(w, 'ml-team-rbac', { data_bucket: 'ml-data' }))
    const make = async (user: string, group: string) => {
      await client.send(new iam.CreateUserCommand({ UserName: user }))
      await client.send(new iam.AddUserToGroupCommand({ UserName: user, GroupName: group }))
      const k = (await client.send(new iam.CreateAccessKeyCommand({ UserName: user }))).AccessKey!
      return { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! }
    }
    const admin = await make('ada', 'ML_Admins')
    const analyst = await make('ann', 'Analysts')
    await client.send(new iam.CreateUserCommand({ UserName: 'eve' }))
    await w.iam(admin).send(new iam.AddUserToGroupCommand({ UserName: 'eve', GroupName: 'ML_Engineers' }))
    expect((await errorOf(w.iam(admin).send(new iam.CreateUserCommand({ UserName: 'x' })))).name).toBe('AccessDenied')
    expect((await errorOf(w.iam(analyst).send(new iam.AddUserToGroupCommand({ UserName: 'ann', GroupName: 'ML_Admins' })))).name).toBe('AccessDenied')

    const engineer = await policiesFromServer(client, 'user', 'eve')
    expect(decide(engineer, 's3:GetObject', 'arn:aws:s3:::ml-data/set/a.npz')).toBe('Allow')
    expect(decide(engineer, 's3:PutObject', 'arn:aws:s3:::ml-data/set/a.npz')).toBe('ImplicitDeny')
    expect(decide(engineer, 'sagemaker:CreateTrainingJob', `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/j`)).toBe('Allow')
    expect(decide(engineer, 'iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/SageMaker-UNetTraining-ExecutionRole`, { 'iam:PassedToService': 'ec2.amazonaws.com' })).toBe('ImplicitDeny')
    const analystSet = await policiesFromServer(client, 'user', 'ann')
    expect(decide(analystSet, 'logs:GetLogEvents', `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/sagemaker/TrainingJobs:log-stream:j/algo-1`)).toBe('Allow')
    expect(decide(analystSet, 'sagemaker:CreateTrainingJob', `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/j`)).toBe('ImplicitDeny')

    // Destroy takes the members out of the groups it deletes; the users were not the blueprint's.
    await destroyBlueprint(client, 'ml-team-rbac', w.accountId)
    const left = await inventory(client)
    expect(left.groups).toEqual([])
    expect(left.users).toEqual(['/ada', '/ann', '/eve'])
  })

  it('reports a same-named group outside its path as a conflict and changes nothing', async () => {
    await client.send(new iam.CreateGroupCommand({ GroupName: 'ML_Engineers' }))
    const plan = await planApply(client, builtin(w, 'ml-team-rbac'))
    expect(plan.changes.filter((c) => c.kind === 'conflict').map((c) => `${c.entity} ${c.name}`)).toEqual(['group ML_Engineers'])
    expect(plan.steps).toEqual([])
  })
})

describe('batch-workflow (guide 004)', () => {
  it('creates the service roles with their trust, the instance profile and the service-linked roles; scopes the Lambda role to the workflow', async () => {
    await applyBlueprint(client, builtin(w, 'batch-workflow'))
    const trusted = async (role: string) =>
      JSON.parse(decodeURIComponent((await client.send(new iam.GetRoleCommand({ RoleName: role }))).Role!.AssumeRolePolicyDocument!)).Statement[0].Principal.Service
    expect(await trusted('AWSBatchServiceRole')).toBe('batch.amazonaws.com')
    expect(await trusted('StepFunctionsLambdaRole')).toBe('states.amazonaws.com')
    expect(await trusted('SLIM-Extras_ECS_for_EC2')).toBe('ec2.amazonaws.com')
    expect(await trusted('SLIM-Extras_for_Lambda')).toBe('lambda.amazonaws.com')
    expect(await trusted('AmazonEC2SpotFleetRole')).toBe('spotfleet.amazonaws.com')
    const roles = (await inventory(client)).roles
    expect(roles).toContain('/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot')
    expect(roles).toContain('/aws-service-role/spotfleet.amazonaws.com/AWSServiceRoleForEC2SpotFleet')

    const lambda = await policiesFromServer(client, 'role', 'SLIM-Extras_for_Lambda')
    expect(decide(lambda, 'batch:SubmitJob', `arn:aws:batch:us-east-1:${ACCOUNT}:job-queue/SLIM-Extras-queue`)).toBe('Allow')
    expect(decide(lambda, 'batch:SubmitJob', `arn:aws:batch:us-east-1:${ACCOUNT}:job-queue/prod-queue`)).toBe('ImplicitDeny')
    expect(decide(lambda, 's3:GetObject', 'arn:aws:s3:::slim-extras-data/in/1.h5')).toBe('Allow')
    expect(decide(lambda, 's3:DeleteBucket', 'arn:aws:s3:::slim-extras-data')).toBe('ImplicitDeny')
    expect(decide(lambda, 'sqs:SendMessage', `arn:aws:sqs:us-east-1:${ACCOUNT}:SLIM-Extras-jobs`)).toBe('Allow')
    const ecs = await policiesFromServer(client, 'role', 'SLIM-Extras_ECS_for_EC2')
    expect(decide(ecs, 'iam:ListRoles', '*')).toBe('ImplicitDeny')
    const user = await policiesFromServer(client, 'user', 'workflow-user')
    expect(decide(user, 'states:StartExecution', `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:SLIM-Extras-pipeline`)).toBe('Allow')
    expect(decide(user, 'iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/x`)).toBe('ImplicitDeny')
  })

  it('uses service-linked roles that exist already and never deletes them', async () => {
    await client.send(new iam.CreateServiceLinkedRoleCommand({ AWSServiceName: 'spot.amazonaws.com' }))
    const { plan } = await applyBlueprint(client, builtin(w, 'batch-workflow'))
    expect(plan.changes.find((c) => c.entity === 'service-linked role' && c.kind === 'keep')?.reason).toMatch(/shared by the account/)
    await destroyBlueprint(client, 'batch-workflow', w.accountId)
    expect((await inventory(client)).roles).toEqual(['/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot'])
  })
})

describe('plan', () => {
  it('diffs a policy changed outside the blueprint line by line, and apply puts it back', async () => {
    const bp = builtin(w, 'ec2-training')
    await applyBlueprint(client, bp)
    const arn = `arn:aws:iam::${ACCOUNT}:policy/EC2TrainingPolicy`
    await client.send(new iam.CreatePolicyVersionCommand({ PolicyArn: arn, SetAsDefault: true, PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) }))
    const drift = await planApply(client, bp)
    const change = drift.changes.find((c) => c.kind === 'update')!
    expect(`${change.entity} ${change.name}`).toBe('policy EC2TrainingPolicy')
    const diff = change.details[0]!.diff!
    expect(diff).toContainEqual({ sign: '-', text: '      "Action": "s3:*",' })
    expect(diff).toContainEqual({ sign: '+', text: '      "Sid": "ListTrainingBucket",' })
    expect(drift.steps.map((s) => s.action)).toEqual(['CreatePolicyVersion'])
    await applyBlueprint(client, bp)
    expect((await planApply(client, bp)).steps).toEqual([])
  })

  it('leaves alone what others added: a membership in their group survives apply; destroy takes it out only to delete the user', async () => {
    const bp = builtin(w, 'ec2-training')
    await applyBlueprint(client, bp)
    await client.send(new iam.CreateGroupCommand({ GroupName: 'auditors' }))
    await client.send(new iam.AddUserToGroupCommand({ GroupName: 'auditors', UserName: 'EC2-Training-User' }))
    expect((await planApply(client, bp)).steps).toEqual([])
    await destroyBlueprint(client, 'ec2-training', w.accountId)
    const left = await inventory(client)
    expect([left.groups, left.users, left.roles]).toEqual([['/auditors'], [], []])
  })
})
