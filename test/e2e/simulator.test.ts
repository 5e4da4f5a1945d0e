/**
 * IAM's policy simulator end to end: @aws-sdk/client-iam against a running Warden. The seed
 * guides' principals (000 the EC2 training role, 001 the SageMaker developer, 002 the RBAC
 * groups), every ContextKeyType, statement positions checked against the stored document
 * text, paging, authorization of the calls themselves, and bad input.
 */
import {
  AddUserToGroupCommand, AttachGroupPolicyCommand, AttachRolePolicyCommand, AttachUserPolicyCommand, CreateGroupCommand,
  CreatePolicyCommand, CreateRoleCommand, CreateUserCommand, GetContextKeysForCustomPolicyCommand,
  GetContextKeysForPrincipalPolicyCommand, GetPolicyCommand, GetPolicyVersionCommand, GetUserPolicyCommand, IAMClient, PutGroupPolicyCommand,
  PutUserPolicyCommand, SimulateCustomPolicyCommand, SimulatePrincipalPolicyCommand, paginateSimulateCustomPolicy,
  type ContextEntry, type EvaluationResult, type Statement
} from '@aws-sdk/client-iam'
import { beforeAll, describe, expect, it } from 'vitest'
import { createUserWithKeys, errorOf, TEST_ACCOUNT_ID } from '../helpers/warden.js'
import { useWarden } from '../helpers/use-warden.js'

const warden = useWarden()
const account = TEST_ACCOUNT_ID
let iam: IAMClient
beforeAll(() => {
  iam = warden.iam()
})

const arn = (kind: string, name: string) => `arn:aws:iam::${account}:${kind}/${name}`
const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 4)
const serviceTrust = (service: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] })

/** The text between StartPosition and EndPosition, as JSON: separators before the statement dropped, a `{` restored for the object form. */
function statementAt(text: string, s: Statement): Record<string, unknown> {
  const lines = text.split(/(?<=\r\n|\n|\r)/)
  const offset = (p: { Line?: number; Column?: number }) => lines.slice(0, p.Line! - 1).join('').length + p.Column! - 1
  let slice = text.slice(offset(s.StartPosition!), offset(s.EndPosition!)).replace(/^[\s,[]+/, '')
  if (!slice.startsWith('{')) slice = `{${slice}`
  return JSON.parse(slice) as Record<string, unknown>
}

const decisions = (results: EvaluationResult[] | undefined) => Object.fromEntries((results ?? []).map((r) => [r.EvalActionName, r.EvalDecision]))

// Guide 000: the restricted policy the guide pastes for EC2-Training-Role.
const EC2_TRAINING_POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'S3LimitedAccess', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::your-bucket-name', 'arn:aws:s3:::your-bucket-name/*'] },
    { Sid: 'EC2RestrictedActions', Effect: 'Allow', Action: ['ec2:DescribeInstances', 'ec2:StartInstances', 'ec2:StopInstances', 'ec2:TerminateInstances', 'ec2:RequestSpotInstances', 'ec2:CancelSpotInstanceRequests'], Resource: '*' },
    { Sid: 'CloudWatchLoggingLimited', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: 'arn:aws:logs:region:account-id:log-group:/aws/ec2/training-logs' }
  ]
}

describe('the seed guides\' principals', () => {
  it('000: the EC2 training role may stop instances but not run them, and the matched statement is where the positions say', async () => {
    const text = JSON.stringify(EC2_TRAINING_POLICY, null, 4)
    const policy = await iam.send(new CreatePolicyCommand({ PolicyName: 'EC2TrainingPolicy', PolicyDocument: text }))
    await iam.send(new CreateRoleCommand({ RoleName: 'EC2-Training-Role', AssumeRolePolicyDocument: serviceTrust('ec2.amazonaws.com') }))
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'EC2-Training-Role', PolicyArn: policy.Policy!.Arn }))
    const instance = `arn:aws:ec2:us-east-1:${account}:instance/i-0123456789abcdef0`
    const out = await iam.send(new SimulatePrincipalPolicyCommand({
      PolicySourceArn: arn('role', 'EC2-Training-Role'),
      ActionNames: ['ec2:StopInstances', 'ec2:RunInstances', 's3:PutObject'],
      ResourceArns: [instance]
    }))
    expect(decisions(out.EvaluationResults)).toEqual({ 'ec2:StopInstances': 'allowed', 'ec2:RunInstances': 'implicitDeny', 's3:PutObject': 'implicitDeny' })
    const stop = out.EvaluationResults![0]!
    expect(stop).toMatchObject({ EvalResourceName: instance, MissingContextValues: [], EvalDecisionDetails: {} })
    expect(stop.MatchedStatements).toHaveLength(1)
    expect(stop.MatchedStatements![0]).toMatchObject({ SourcePolicyId: 'EC2TrainingPolicy', SourcePolicyType: 'user-managed' })
    expect(stop.ResourceSpecificResults).toEqual([{ EvalResourceName: instance, EvalResourceDecision: 'allowed', MatchedStatements: stop.MatchedStatements, MissingContextValues: [], EvalDecisionDetails: {} }])
    // The positions point into the document as GetPolicyVersion returns it: the second statement starts
    // just after the first one's `}` (line 16) and ends just after its own (line 29).
    const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn: policy.Policy!.Arn, VersionId: 'v1' }))
    const stored = decodeURIComponent(version.PolicyVersion!.Document!)
    expect(stored).toBe(text)
    expect(statementAt(stored, stop.MatchedStatements![0]!)).toEqual(EC2_TRAINING_POLICY.Statement[1])
    expect(stop.MatchedStatements![0]).toMatchObject({ StartPosition: { Line: 16, Column: 10 }, EndPosition: { Line: 29, Column: 10 } })

    // The guide's other route attaches AmazonEC2FullAccess: the simulation follows at once.
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'EC2-Training-Role', PolicyArn: 'arn:aws:iam::aws:policy/AmazonEC2FullAccess' }))
    const after = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn('role', 'EC2-Training-Role'), ActionNames: ['ec2:RunInstances'] }))
    expect(after.EvaluationResults![0]).toMatchObject({ EvalDecision: 'allowed', MatchedStatements: [{ SourcePolicyId: 'AmazonEC2FullAccess', SourcePolicyType: 'aws-managed' }] })
    const managed = await iam.send(new GetPolicyVersionCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AmazonEC2FullAccess', VersionId: await defaultVersion('AmazonEC2FullAccess') }))
    expect(statementAt(decodeURIComponent(managed.PolicyVersion!.Document!), after.EvaluationResults![0]!.MatchedStatements![0]!)).toEqual({ Action: 'ec2:*', Effect: 'Allow', Resource: '*' })
  })

  it('001: the SageMaker developer reads IAM (IAMReadOnlyAccess) but cannot change it, and passes roles only to SageMaker', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'sagemaker-developer' }))
    for (const p of ['AmazonSageMakerFullAccess', 'AmazonEC2ContainerRegistryFullAccess', 'IAMReadOnlyAccess']) {
      await iam.send(new AttachUserPolicyCommand({ UserName: 'sagemaker-developer', PolicyArn: `arn:aws:iam::aws:policy/${p}` }))
    }
    const role = arn('role', 'SageMaker-UNetTraining-ExecutionRole')
    const input = { PolicySourceArn: arn('user', 'sagemaker-developer'), ActionNames: ['iam:GetRole', 'iam:ListRoles', 'iam:CreateRole', 'iam:AttachUserPolicy', 'iam:PassRole'], ResourceArns: [role] }
    const out = await iam.send(new SimulatePrincipalPolicyCommand(input))
    expect(decisions(out.EvaluationResults)).toEqual({ 'iam:GetRole': 'allowed', 'iam:ListRoles': 'allowed', 'iam:CreateRole': 'implicitDeny', 'iam:AttachUserPolicy': 'implicitDeny', 'iam:PassRole': 'implicitDeny' })
    expect(out.EvaluationResults![0]!.MatchedStatements!.map((s) => [s.SourcePolicyId, s.SourcePolicyType])).toEqual([['IAMReadOnlyAccess', 'aws-managed']])
    // PassRole needs iam:PassedToService, which only the caller can say.
    expect(out.EvaluationResults![4]!.MissingContextValues).toEqual(['iam:PassedToService'])
    const passed = (service: string) => iam.send(new SimulatePrincipalPolicyCommand({
      ...input, ActionNames: ['iam:PassRole'], ContextEntries: [{ ContextKeyName: 'iam:PassedToService', ContextKeyType: 'string', ContextKeyValues: [service] }]
    }))
    const toSageMaker = (await passed('sagemaker.amazonaws.com')).EvaluationResults![0]!
    expect(toSageMaker).toMatchObject({ EvalDecision: 'allowed', MissingContextValues: [], MatchedStatements: [{ SourcePolicyId: 'AmazonSageMakerFullAccess', SourcePolicyType: 'aws-managed' }] })
    const text = decodeURIComponent((await iam.send(new GetPolicyVersionCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess', VersionId: (await defaultVersion('AmazonSageMakerFullAccess')) }))).PolicyVersion!.Document!)
    expect(statementAt(text, toSageMaker.MatchedStatements![0]!)).toMatchObject({ Sid: 'AllowPassRoleToSageMaker' })
    expect((await passed('ec2.amazonaws.com')).EvaluationResults![0]!.EvalDecision).toBe('implicitDeny')
  })

  it('002: the RBAC groups, simulated as groups and through a member', async () => {
    const groups: Record<string, string[]> = {
      ML_Engineers: ['AmazonSageMakerFullAccess', 'AmazonS3ReadOnlyAccess'],
      ML_Admins: ['AdministratorAccess'],
      Analysts: ['AmazonS3ReadOnlyAccess', 'CloudWatchReadOnlyAccess', 'IAMReadOnlyAccess']
    }
    for (const [group, policies] of Object.entries(groups)) {
      await iam.send(new CreateGroupCommand({ GroupName: group }))
      for (const p of policies) await iam.send(new AttachGroupPolicyCommand({ GroupName: group, PolicyArn: `arn:aws:iam::aws:policy/${p}` }))
    }
    const guardrail = doc({ Sid: 'RolesOnlyUnderMlPath', Effect: 'Deny', Action: 'iam:CreateRole', NotResource: arn('role', 'ml/*') })
    await iam.send(new PutGroupPolicyCommand({ GroupName: 'ML_Admins', PolicyName: 'guardrail', PolicyDocument: guardrail }))
    const actions = ['sagemaker:CreateTrainingJob', 's3:GetObject', 's3:PutObject', 'cloudwatch:GetMetricData', 'iam:CreateRole']
    const bucket = 'arn:aws:s3:::vessel-segmentation-data/train/x.npy'
    const simulate = async (group: string, resource = '*') => decisions((await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn('group', group), ActionNames: actions, ResourceArns: [resource] }))).EvaluationResults)
    expect(await simulate('ML_Engineers', bucket)).toEqual({ 'sagemaker:CreateTrainingJob': 'allowed', 's3:GetObject': 'allowed', 's3:PutObject': 'implicitDeny', 'cloudwatch:GetMetricData': 'allowed', 'iam:CreateRole': 'implicitDeny' })
    expect(await simulate('Analysts', bucket)).toEqual({ 'sagemaker:CreateTrainingJob': 'implicitDeny', 's3:GetObject': 'allowed', 's3:PutObject': 'implicitDeny', 'cloudwatch:GetMetricData': 'allowed', 'iam:CreateRole': 'implicitDeny' })
    expect((await simulate('ML_Admins', arn('role', 'ml/trainer')))['iam:CreateRole']).toBe('allowed')
    const outside = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn('group', 'ML_Admins'), ActionNames: ['iam:CreateRole'], ResourceArns: [arn('role', 'trainer')] }))
    const denied = outside.EvaluationResults![0]!
    expect(denied).toMatchObject({ EvalDecision: 'explicitDeny', MatchedStatements: [{ SourcePolicyId: 'guardrail', SourcePolicyType: 'group' }] })
    expect(statementAt(guardrail, denied.MatchedStatements![0]!)).toMatchObject({ Sid: 'RolesOnlyUnderMlPath' })
    // A member gets the group's policies, and its own.
    await iam.send(new CreateUserCommand({ UserName: 'ana' }))
    await iam.send(new AddUserToGroupCommand({ GroupName: 'Analysts', UserName: 'ana' }))
    const own = doc({ Sid: 'Notebook', Effect: 'Allow', Action: 'sagemaker:CreatePresignedNotebookInstanceUrl', Resource: '*' })
    await iam.send(new PutUserPolicyCommand({ UserName: 'ana', PolicyName: 'notebook', PolicyDocument: own }))
    const member = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn('user', 'ana'), ActionNames: ['sagemaker:CreatePresignedNotebookInstanceUrl', 'iam:ListUsers'] }))
    expect(member.EvaluationResults!.map((r) => r.MatchedStatements!.map((s) => `${s.SourcePolicyType}:${s.SourcePolicyId}`))).toEqual([['user:notebook'], ['aws-managed:IAMReadOnlyAccess']])
    const inline = decodeURIComponent((await iam.send(new GetUserPolicyCommand({ UserName: 'ana', PolicyName: 'notebook' }))).PolicyDocument!)
    expect(statementAt(inline, member.EvaluationResults![0]!.MatchedStatements![0]!)).toMatchObject({ Sid: 'Notebook' })
  })
})

async function defaultVersion(name: string): Promise<string> {
  return (await iam.send(new GetPolicyCommand({ PolicyArn: `arn:aws:iam::aws:policy/${name}` }))).Policy!.DefaultVersionId!
}

/** One ContextKeyType: a condition over a key of that type, values it accepts, values it refuses, and text that is not of the type. */
interface TypeCase {
  type: ContextEntry['ContextKeyType']
  condition: Record<string, Record<string, unknown>>
  key: string
  allowed: string[]
  refused: string[]
  invalid: string
  /** ForAllValues holds when the key is absent (IAM User Guide, "Set operators"). */
  whenAbsent?: 'allowed'
}

const TYPE_CASES: TypeCase[] = [
  { type: 'string', key: 'aws:username', condition: { StringEquals: { 'aws:username': 'alice' } }, allowed: ['alice'], refused: ['bob'], invalid: '' },
  { type: 'stringList', key: 'aws:TagKeys', condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'project'] } }, allowed: ['team', 'project'], refused: ['team', 'cost'], invalid: '', whenAbsent: 'allowed' },
  { type: 'numeric', key: 'aws:MultiFactorAuthAge', condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }, allowed: ['120'], refused: ['7200'], invalid: 'an hour' },
  { type: 'numericList', key: 'test:ports', condition: { 'ForAnyValue:NumericEquals': { 'test:ports': '22' } }, allowed: ['443', '22'], refused: ['443', '80'], invalid: '22/tcp' },
  { type: 'boolean', key: 'aws:SecureTransport', condition: { Bool: { 'aws:SecureTransport': 'true' } }, allowed: ['true'], refused: ['false'], invalid: 'yes' },
  { type: 'booleanList', key: 'test:flags', condition: { 'ForAllValues:Bool': { 'test:flags': 'true' } }, allowed: ['true', 'TRUE'], refused: ['true', 'false'], invalid: '1', whenAbsent: 'allowed' },
  { type: 'ip', key: 'aws:SourceIp', condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, allowed: ['203.0.113.7'], refused: ['198.51.100.7'], invalid: '203.0.113.300' },
  { type: 'ipList', key: 'test:addresses', condition: { 'ForAnyValue:IpAddress': { 'test:addresses': '2001:db8::/32' } }, allowed: ['10.0.0.1', '2001:db8::5'], refused: ['10.0.0.1'], invalid: 'localhost' },
  { type: 'binary', key: 'test:blob', condition: { BinaryEquals: { 'test:blob': 'QmluYXJ5VmFsdWU=' } }, allowed: ['QmluYXJ5VmFsdWU='], refused: ['T3RoZXI='], invalid: 'not*base64' },
  { type: 'binaryList', key: 'test:blobs', condition: { 'ForAnyValue:BinaryEquals': { 'test:blobs': 'QQ==' } }, allowed: ['Qg==', 'QQ=='], refused: ['Qg=='], invalid: 'QQ=' },
  { type: 'date', key: 'aws:CurrentTime', condition: { DateGreaterThan: { 'aws:CurrentTime': '2018-08-16T12:00:00Z' } }, allowed: ['2019-04-25T11:00:00Z'], refused: ['2018-04-25T11:00:00Z'], invalid: 'tomorrow' },
  { type: 'dateList', key: 'test:dates', condition: { 'ForAllValues:DateLessThan': { 'test:dates': '2030-01-01T00:00:00Z' } }, allowed: ['2024-01-01T00:00:00Z', '1700000000'], refused: ['2024-01-01T00:00:00Z', '2031-06-01'], invalid: '2024-13-45', whenAbsent: 'allowed' }
]

describe('ContextEntries of every ContextKeyType', () => {
  it.each(TYPE_CASES)('$type', async (c) => {
    const input = {
      PolicyInputList: [doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: c.condition })],
      ActionNames: ['s3:GetObject']
    }
    const run = async (values: string[]) => (await iam.send(new SimulateCustomPolicyCommand({
      ...input, ContextEntries: [{ ContextKeyName: c.key, ContextKeyType: c.type, ContextKeyValues: values }]
    }))).EvaluationResults![0]!
    expect(await run(c.allowed)).toMatchObject({ EvalDecision: 'allowed', MissingContextValues: [] })
    expect(await run(c.refused)).toMatchObject({ EvalDecision: 'implicitDeny', MissingContextValues: [] })
    // Without the key the condition cannot hold (ForAllValues aside), and the key is reported missing.
    expect((await iam.send(new SimulateCustomPolicyCommand(input))).EvaluationResults![0]).toMatchObject({ EvalDecision: c.whenAbsent ?? 'implicitDeny', MissingContextValues: [c.key] })
    if (c.invalid !== '') {
      const err = await errorOf(run([c.invalid]))
      expect(err).toMatchObject({ name: 'InvalidInputException', status: 400, message: `Invalid value '${c.invalid}' for context key ${c.key} of type ${c.type}.` })
    }
    expect((await iam.send(new GetContextKeysForCustomPolicyCommand({ PolicyInputList: input.PolicyInputList }))).ContextKeyNames).toEqual([c.key])
  })
})

describe('SimulateCustomPolicy', () => {
  it('answers the AWS CLI reference example exactly', async () => {
    const policy = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}'
    const entry = (date: string): ContextEntry[] => [{ ContextKeyName: 'aws:CurrentTime', ContextKeyValues: [date], ContextKeyType: 'date' }]
    const later = await iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [policy], ActionNames: ['dynamodb:CreateBackup'], ContextEntries: entry('2019-04-25T11:00:00Z') }))
    expect(later.EvaluationResults).toEqual([{
      EvalActionName: 'dynamodb:CreateBackup',
      EvalResourceName: '*',
      EvalDecision: 'allowed',
      MatchedStatements: [{ SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'none', StartPosition: { Line: 1, Column: 38 }, EndPosition: { Line: 1, Column: 167 } }],
      MissingContextValues: []
    }])
    expect(later.IsTruncated).toBe(false)
    const earlier = await iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [policy], ActionNames: ['dynamodb:CreateBackup'], ContextEntries: entry('2014-04-25T11:00:00Z') }))
    expect(earlier.EvaluationResults).toEqual([{ EvalActionName: 'dynamodb:CreateBackup', EvalResourceName: '*', EvalDecision: 'implicitDeny', MatchedStatements: [], MissingContextValues: [] }])
  })

  it('pages EvaluationResults, and the SDK paginator walks them all', async () => {
    const actions = Array.from({ length: 25 }, (_, i) => `sagemaker:Action${String(i).padStart(2, '0')}`)
    const input = { PolicyInputList: [doc({ Effect: 'Allow', Action: 'sagemaker:Action1*', Resource: '*' })], ActionNames: actions, MaxItems: 10 }
    const first = await iam.send(new SimulateCustomPolicyCommand(input))
    expect(first.EvaluationResults).toHaveLength(10)
    expect(first.IsTruncated).toBe(true)
    const second = await iam.send(new SimulateCustomPolicyCommand({ ...input, Marker: first.Marker }))
    expect(second.EvaluationResults![0]!.EvalActionName).toBe('sagemaker:Action10')
    const all: EvaluationResult[] = []
    for await (const page of paginateSimulateCustomPolicy({ client: iam, pageSize: 10 }, { PolicyInputList: input.PolicyInputList, ActionNames: actions })) all.push(...(page.EvaluationResults ?? []))
    expect(all.map((r) => r.EvalActionName)).toEqual(actions)
    expect(all.filter((r) => r.EvalDecision === 'allowed').map((r) => r.EvalActionName)).toEqual(actions.slice(10, 20))
    expect(await errorOf(iam.send(new SimulateCustomPolicyCommand({ ...input, Marker: 'not-a-marker' })))).toMatchObject({ name: 'InvalidInputException', status: 400 })
  })
})

describe('authorization of the simulator calls', () => {
  it('SimulatePrincipalPolicy is authorized on the principal\'s ARN, SimulateCustomPolicy and GetContextKeysForCustomPolicy on *', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'target' }))
    const self = await createUserWithKeys(warden, 'self', {
      inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:SimulatePrincipalPolicy', 'iam:GetContextKeysForPrincipalPolicy'], Resource: arn('user', 'self') }] }
    })
    const client = warden.iam(self.credentials)
    const mine = await client.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: self.arn, ActionNames: ['iam:SimulatePrincipalPolicy'], ResourceArns: [self.arn] }))
    expect(mine.EvaluationResults![0]!.EvalDecision).toBe('allowed')
    expect((await client.send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: self.arn }))).ContextKeyNames).toEqual([])
    expect(await errorOf(client.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn('user', 'target'), ActionNames: ['s3:GetObject'] })))).toEqual({
      name: 'AccessDenied', status: 403,
      message: `User: ${self.arn} is not authorized to perform: iam:SimulatePrincipalPolicy on resource: ${arn('user', 'target')} because no identity-based policy allows the iam:SimulatePrincipalPolicy action`
    })
    expect(await errorOf(client.send(new SimulateCustomPolicyCommand({ PolicyInputList: [doc({ Effect: 'Allow', Action: '*', Resource: '*' })], ActionNames: ['s3:GetObject'] })))).toMatchObject({
      name: 'AccessDenied', status: 403,
      message: `User: ${self.arn} is not authorized to perform: iam:SimulateCustomPolicy because no identity-based policy allows the iam:SimulateCustomPolicy action`
    })
    expect(await errorOf(client.send(new GetContextKeysForCustomPolicyCommand({ PolicyInputList: [doc({ Effect: 'Allow', Action: '*', Resource: '*' })] })))).toMatchObject({ name: 'AccessDenied', status: 403 })
  })
})

describe('bad input: a clear AWS error', () => {
  it('a missing principal, a non-entity ARN, a bad policy, a bad resource, a bad owner, a missing member', async () => {
    expect(await errorOf(iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn('role', 'nope'), ActionNames: ['s3:GetObject'] })))).toEqual({
      name: 'NoSuchEntityException', status: 404, message: 'The role with name nope cannot be found.'
    })
    expect(await errorOf(iam.send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: arn('group', 'nope') })))).toMatchObject({ name: 'NoSuchEntityException', status: 404 })
    const session = `arn:aws:sts::${account}:assumed-role/r/s`
    expect(await errorOf(iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: session, ActionNames: ['s3:GetObject'] })))).toEqual({
      name: 'InvalidInputException', status: 400, message: `Invalid Entity Arn: ${session} does not clearly define entity type and name.`
    })
    expect(await errorOf(iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: ['{"Version":"2012-10-17","Statement":[{"Effect":"Allow"}]'], ActionNames: ['s3:GetObject'] })))).toEqual({
      name: 'InvalidInputException', status: 400, message: 'Syntax errors in policy.'
    })
    expect(await errorOf(iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [doc({ Effect: 'Allow', Action: '*', Resource: '*' })], ActionNames: ['s3:GetObject'], ResourceArns: ['my-bucket'] })))).toEqual({
      name: 'InvalidInputException', status: 400, message: 'ResourceNames are not in a valid ARN format: my-bucket.'
    })
    expect(await errorOf(iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [doc({ Effect: 'Allow', Action: '*', Resource: '*' })], ActionNames: ['s3:GetObject'], ResourceOwner: account })))).toEqual({
      name: 'InvalidInputException', status: 400, message: `'${account}' is not a valid as a Resource Owner.`
    })
    expect(await errorOf(iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [doc({ Effect: 'Allow', Action: '*', Resource: '*' })], ActionNames: ['s3:*'] })))).toMatchObject({ name: 'InvalidInputException', status: 400 })
    const missing = await errorOf(iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [doc({ Effect: 'Allow', Action: '*', Resource: '*' })] } as never)))
    expect(missing).toMatchObject({ status: 400 })
    expect(await errorOf(iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [], ActionNames: ['s3:GetObject'], MaxItems: 0 })))).toMatchObject({ name: 'ValidationError', status: 400 })
  })
})
