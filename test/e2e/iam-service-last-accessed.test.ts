/**
 * Service last accessed data end to end with @aws-sdk/client-iam (and one boto3 check): real
 * calls made as IAM users and as an assumed role are recorded, GenerateServiceLastAccessedDetails
 * reports them per service (and per tracked action), aggregated over a group's members and a
 * policy's users and roles; ListPoliciesGrantingServiceAccess on inline and managed policies;
 * SetSecurityTokenServicePreferences in GetAccountSummary; bad input.
 */
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import {
  AddUserToGroupCommand, AttachGroupPolicyCommand, AttachRolePolicyCommand, AttachUserPolicyCommand, CreateGroupCommand, CreatePolicyCommand,
  CreateRoleCommand, CreateUserCommand, GenerateServiceLastAccessedDetailsCommand, GetAccountSummaryCommand, GetGroupCommand, GetRoleCommand,
  GetServiceLastAccessedDetailsCommand, GetServiceLastAccessedDetailsWithEntitiesCommand, GetUserCommand, IAMClient, ListGroupsCommand,
  ListPoliciesGrantingServiceAccessCommand, ListRolesCommand, ListUsersCommand, PutGroupPolicyCommand, PutRolePolicyCommand,
  SetSecurityTokenServicePreferencesCommand, type GetServiceLastAccessedDetailsCommandOutput, type ServiceLastAccessed
} from '@aws-sdk/client-iam'
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { beforeAll, describe, expect, it } from 'vitest'
import { TestSchema } from '../../src/store/postgres/testing/test-database.js'
import { awsErrorOf, createUserWithKeys, type Credentials, defaultTestDb, startWarden, type StartOptions } from '../helpers/warden.js'
import { useWarden } from '../helpers/use-warden.js'

const ACCOUNT = '123456789012'
const allow = (...actions: string[]): string => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] })
const trustFor = (arn: string): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: arn }, Action: 'sts:AssumeRole' }] })

const warden = useWarden()
let iam: IAMClient
beforeAll(() => {
  iam = warden.iam()
})

function stsIn(region: string, creds: Credentials): STSClient {
  return new STSClient({ endpoint: warden.endpoint, region, credentials: creds, maxAttempts: 1 })
}

/** Generates a report for `arn` and polls it until it is no longer in progress. */
async function report(arn: string, granularity?: 'SERVICE_LEVEL' | 'ACTION_LEVEL'): Promise<{ jobId: string; out: GetServiceLastAccessedDetailsCommandOutput }> {
  const { JobId } = await iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: arn, Granularity: granularity }))
  expect(JobId).toMatch(/^[0-9a-f-]{36}$/)
  for (let i = 0; i < 100; i++) {
    const out = await iam.send(new GetServiceLastAccessedDetailsCommand({ JobId }))
    if (out.JobStatus !== 'IN_PROGRESS') return { jobId: JobId!, out }
    expect(out.ServicesLastAccessed).toEqual([])
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error('the job did not finish')
}

function service(out: GetServiceLastAccessedDetailsCommandOutput, namespace: string): ServiceLastAccessed | undefined {
  return out.ServicesLastAccessed?.find((s) => s.ServiceNamespace === namespace)
}

/** Lets the usage recorder's batched write land (it runs after the response, off the request path). */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 250))

describe('recorded use of a user and an assumed role', () => {
  it('reports the services their policies allow, with the last attempt, entity and region; tracked IAM actions at ACTION_LEVEL', async () => {
    const bucketReader = await iam.send(new CreatePolicyCommand({ PolicyName: 'bucket-reader', PolicyDocument: allow('s3:GetObject') }))
    const alice = await createUserWithKeys(warden, 'alice', {
      inlinePolicy: allow('iam:ListUsers', 'iam:GetUser', 'sts:AssumeRole'), managedPolicyArns: [bucketReader.Policy!.Arn!]
    })
    const role = await iam.send(new CreateRoleCommand({ RoleName: 'trainer', Path: '/ml/', AssumeRolePolicyDocument: trustFor(alice.arn) }))
    await iam.send(new PutRolePolicyCommand({ RoleName: 'trainer', PolicyName: 'train', PolicyDocument: allow('iam:ListRoles', 'sagemaker:*') }))

    // Nothing used yet: every allowed service is listed, none with a last attempt.
    const before = (await report(alice.arn, 'ACTION_LEVEL')).out
    expect(before.JobStatus).toBe('COMPLETED')
    expect(before.JobType).toBe('ACTION_LEVEL')
    expect(before.ServicesLastAccessed!.map((s) => s.ServiceNamespace).sort()).toEqual(['iam', 's3', 'sts'])
    for (const s of before.ServicesLastAccessed!) {
      expect(s.LastAuthenticated).toBeUndefined()
      expect(s.TotalAuthenticatedEntities).toBe(0)
      expect(s.TrackedActionsLastAccessed).toBeUndefined()
    }

    const started = Date.now()
    const asAlice = warden.iam(alice.credentials)
    await asAlice.send(new ListUsersCommand({}))
    // Denied attempts count as attempts (AWS reports them too).
    expect((await awsErrorOf(asAlice.send(new CreateUserCommand({ UserName: 'x' })))).name).toBe('AccessDenied')
    const session = await warden.sts(alice.credentials).send(new AssumeRoleCommand({ RoleArn: role.Role!.Arn, RoleSessionName: 'run-1' }))
    const c = session.Credentials!
    await warden.iam({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }).send(new ListRolesCommand({}))
    await new Promise((r) => setTimeout(r, 10))
    // The last STS attempt is signed for another region.
    await stsIn('eu-west-1', alice.credentials).send(new GetCallerIdentityCommand({}))
    await settle()

    const { jobId, out } = await report(alice.arn, 'ACTION_LEVEL')
    expect(out.JobCreationDate!.getTime()).toBeLessThanOrEqual(out.JobCompletionDate!.getTime())
    const iamUse = service(out, 'iam')!
    expect(iamUse.ServiceName).toMatch(/Identity and Access Management/)
    expect(iamUse.LastAuthenticatedEntity).toBe(alice.arn)
    expect(iamUse.LastAuthenticatedRegion).toBe('us-east-1')
    expect(iamUse.TotalAuthenticatedEntities).toBe(1)
    expect(iamUse.LastAuthenticated!.getTime()).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000)
    // Tracked actions are those the policies allow that were used: CreateUser was denied, GetUser never called.
    expect(iamUse.TrackedActionsLastAccessed!.map((a) => [a.ActionName, a.LastAccessedEntity, a.LastAccessedRegion])).toEqual([['ListUsers', alice.arn, 'us-east-1']])
    const stsUse = service(out, 'sts')!
    expect(stsUse.LastAuthenticatedEntity).toBe(alice.arn)
    expect(stsUse.TrackedActionsLastAccessed).toBeUndefined()
    expect(stsUse.LastAuthenticatedRegion).toBe('eu-west-1')
    expect(stsUse.LastAuthenticated!.getTime()).toBeGreaterThan(iamUse.LastAuthenticated!.getTime())
    expect(service(out, 's3')).toMatchObject({ ServiceName: 'Amazon S3', TotalAuthenticatedEntities: 0 })
    expect(service(out, 's3')!.LastAuthenticated).toBeUndefined()

    const entities = await iam.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId: jobId, ServiceNamespace: 'iam' }))
    expect(entities.JobStatus).toBe('COMPLETED')
    expect(entities.EntityDetailsList).toEqual([{
      EntityInfo: { Arn: alice.arn, Name: 'alice', Type: 'USER', Id: alice.userId, Path: '/' }, LastAuthenticated: iamUse.LastAuthenticated
    }])

    // The role's report: its sessions' use, under the role's ARN (with its path).
    const roleReport = (await report(role.Role!.Arn!)).out
    expect(roleReport.JobType).toBe('SERVICE_LEVEL')
    expect(roleReport.ServicesLastAccessed!.map((s) => s.ServiceNamespace).sort()).toEqual(['iam', 'sagemaker'])
    expect(service(roleReport, 'iam')).toMatchObject({ LastAuthenticatedEntity: `arn:aws:iam::${ACCOUNT}:role/ml/trainer`, TotalAuthenticatedEntities: 1 })
    expect(service(roleReport, 'iam')!.TrackedActionsLastAccessed).toBeUndefined()
    expect(service(roleReport, 'sagemaker')!.LastAuthenticated).toBeUndefined()
  })

  it('a job is paged with MaxItems and Marker, and boto3 reads the same report', async () => {
    const bob = await createUserWithKeys(warden, 'bob', { inlinePolicy: allow('iam:GetUser', 's3:*', 'ec2:Describe*', 'sagemaker:List*') })
    await warden.iam(bob.credentials).send(new GetUserCommand({}))
    await settle()
    const { jobId, out } = await report(bob.arn)
    expect(out.ServicesLastAccessed!.map((s) => s.ServiceNamespace).sort()).toEqual(['ec2', 'iam', 's3', 'sagemaker'])
    const first = await iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: jobId, MaxItems: 3 }))
    expect(first.IsTruncated).toBe(true)
    const rest = await iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: jobId, Marker: first.Marker }))
    expect(rest.IsTruncated).toBe(false)
    expect([...first.ServicesLastAccessed!, ...rest.ServicesLastAccessed!]).toEqual(out.ServicesLastAccessed)

    const script = `
import boto3, json, sys, time
iam = boto3.client('iam', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3])
job = iam.generate_service_last_accessed_details(Arn=sys.argv[4])['JobId']
for _ in range(200):
    out = iam.get_service_last_accessed_details(JobId=job)
    if out['JobStatus'] != 'IN_PROGRESS': break
    time.sleep(0.02)
print(json.dumps({'status': out['JobStatus'], 'services': {s['ServiceNamespace']: {'entity': s.get('LastAuthenticatedEntity'), 'at': round(s['LastAuthenticated'].timestamp() * 1000) if 'LastAuthenticated' in s else None, 'total': s['TotalAuthenticatedEntities']} for s in out['ServicesLastAccessed']}}))
`
    // Asynchronously: the server runs in this process and must keep answering.
    const py = await promisify(execFile)('python3', ['-c', script, warden.endpoint, warden.root.accessKeyId, warden.root.secretAccessKey, bob.arn], { encoding: 'utf8' })
    const parsed = JSON.parse(py.stdout) as { status: string; services: Record<string, { entity: string | null; at: number | null; total: number }> }
    expect(parsed.status).toBe('COMPLETED')
    expect(parsed.services.iam).toEqual({ entity: bob.arn, at: service(out, 'iam')!.LastAuthenticated!.getTime(), total: 1 })
    expect(parsed.services.s3).toEqual({ entity: null, at: null, total: 0 })
  })
})

describe('two servers on one database', () => {
  it('a job generated through one is read through the other, with use recorded by either', async () => {
    const masterKey = randomBytes(32).toString('base64')
    const schema = defaultTestDb() === 'postgres' ? new TestSchema() : undefined
    const dataDir = mkdtempSync(join(tmpdir(), 'warden-sla-'))
    const options: StartOptions = schema ? { postgres: { schema: schema.name }, masterKey } : { dataDir, masterKey }
    const a = await startWarden(options)
    const b = await startWarden(options)
    try {
      const user = await createUserWithKeys(a, 'gina', { inlinePolicy: allow('iam:ListUsers', 'iam:GetUser') })
      await b.iam(user.credentials).send(new ListUsersCommand({}))
      await settle()
      const { JobId } = await a.iam().send(new GenerateServiceLastAccessedDetailsCommand({ Arn: user.arn, Granularity: 'ACTION_LEVEL' }))
      let out: GetServiceLastAccessedDetailsCommandOutput | undefined
      for (let i = 0; i < 100 && out?.JobStatus !== 'COMPLETED'; i++) {
        await new Promise((r) => setTimeout(r, 20))
        out = await b.iam().send(new GetServiceLastAccessedDetailsCommand({ JobId }))
      }
      expect(out!.JobStatus).toBe('COMPLETED')
      expect(service(out!, 'iam')!.TrackedActionsLastAccessed!.map((x) => x.ActionName)).toEqual(['ListUsers'])
    } finally {
      await a.stop()
      await b.stop()
      await schema?.drop()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

describe('aggregation over a group and a managed policy', () => {
  it('a group counts its members; a policy counts the users and roles it is attached to, directly or through a group', async () => {
    await iam.send(new CreateGroupCommand({ GroupName: 'ml-engineers' }))
    await iam.send(new PutGroupPolicyCommand({ GroupName: 'ml-engineers', PolicyName: 'read-iam', PolicyDocument: allow('iam:List*', 'iam:Get*') }))
    const datasets = await iam.send(new CreatePolicyCommand({ PolicyName: 'datasets', Path: '/ml/', PolicyDocument: allow('iam:GetRole', 's3:*') }))
    const datasetsArn = datasets.Policy!.Arn!
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'ml-engineers', PolicyArn: datasetsArn }))
    const bob = await createUserWithKeys(warden, 'bob')
    const carol = await createUserWithKeys(warden, 'carol')
    const dave = await createUserWithKeys(warden, 'dave', { inlinePolicy: allow('iam:*', 'sts:AssumeRole') })
    for (const u of ['bob', 'carol']) await iam.send(new AddUserToGroupCommand({ GroupName: 'ml-engineers', UserName: u }))
    const role = await iam.send(new CreateRoleCommand({ RoleName: 'loader', AssumeRolePolicyDocument: trustFor(dave.arn) }))
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'loader', PolicyArn: datasetsArn }))

    await warden.iam(bob.credentials).send(new ListUsersCommand({}))
    await new Promise((r) => setTimeout(r, 20))
    await warden.iam(carol.credentials).send(new ListGroupsCommand({}))
    await warden.iam(dave.credentials).send(new ListUsersCommand({})) // not a member: never counted for the group
    await settle()

    const group = await iam.send(new GetGroupCommand({ GroupName: 'ml-engineers' }))
    const g = await report(group.Group!.Arn!)
    expect(g.out.ServicesLastAccessed!.map((s) => s.ServiceNamespace).sort()).toEqual(['iam', 's3'])
    expect(service(g.out, 'iam')).toMatchObject({ LastAuthenticatedEntity: carol.arn, TotalAuthenticatedEntities: 2 })
    expect(service(g.out, 's3')).toMatchObject({ TotalAuthenticatedEntities: 0 })
    const members = await iam.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId: g.jobId, ServiceNamespace: 'iam' }))
    expect(members.EntityDetailsList!.map((e) => [e.EntityInfo!.Name, e.EntityInfo!.Type, e.LastAuthenticated !== undefined])).toEqual([
      ['carol', 'USER', true], ['bob', 'USER', true]
    ])
    const page = await iam.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId: g.jobId, ServiceNamespace: 'iam', MaxItems: 1 }))
    expect(page).toMatchObject({ IsTruncated: true })
    expect(page.EntityDetailsList!.map((e) => e.EntityInfo!.Name)).toEqual(['carol'])

    // The role's session uses the policy too, later than anyone.
    const session = await warden.sts(dave.credentials).send(new AssumeRoleCommand({ RoleArn: role.Role!.Arn, RoleSessionName: 'load' }))
    const c = session.Credentials!
    await warden.iam({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }).send(new GetRoleCommand({ RoleName: 'loader' }))
    await settle()
    const p = await report(datasetsArn)
    expect(p.out.ServicesLastAccessed!.map((s) => s.ServiceNamespace).sort()).toEqual(['iam', 's3'])
    expect(service(p.out, 'iam')).toMatchObject({ LastAuthenticatedEntity: role.Role!.Arn, TotalAuthenticatedEntities: 3 })
    const users = await iam.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId: p.jobId, ServiceNamespace: 's3' }))
    expect(users.EntityDetailsList!.map((e) => [e.EntityInfo!.Name, e.EntityInfo!.Type, e.LastAuthenticated])).toEqual([
      ['bob', 'USER', undefined], ['carol', 'USER', undefined], ['loader', 'ROLE', undefined]
    ])
    // An AWS managed policy nobody attached: its services, no entities.
    const aws = await report('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')
    expect(service(aws.out, 's3')).toMatchObject({ TotalAuthenticatedEntities: 0 })
    expect(service(aws.out, 'iam')).toBeUndefined()
    // A namespace the report does not hold lists nobody.
    const none = await iam.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId: p.jobId, ServiceNamespace: 'lambda' }))
    expect(none.EntityDetailsList).toEqual([])
  })
})

describe('ListPoliciesGrantingServiceAccess', () => {
  it('names inline policies with their holder and managed ones by ARN; a user includes its groups', async () => {
    const own = await iam.send(new CreatePolicyCommand({ PolicyName: 'training', PolicyDocument: allow('sagemaker:CreateTrainingJob', 's3:GetObject') }))
    const erin = await createUserWithKeys(warden, 'erin', { inlinePolicy: allow('iam:GetUser') })
    await iam.send(new AttachUserPolicyCommand({ UserName: 'erin', PolicyArn: own.Policy!.Arn }))
    await iam.send(new CreateGroupCommand({ GroupName: 'readers' }))
    await iam.send(new PutGroupPolicyCommand({ GroupName: 'readers', PolicyName: 'list', PolicyDocument: allow('iam:List*') }))
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'readers', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }))
    await iam.send(new AddUserToGroupCommand({ GroupName: 'readers', UserName: 'erin' }))

    const out = await iam.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: erin.arn, ServiceNamespaces: ['iam', 's3', 'sagemaker', 'lambda'] }))
    expect(out.IsTruncated).toBe(false)
    const byNs = Object.fromEntries(out.PoliciesGrantingServiceAccess!.map((e) => [e.ServiceNamespace, e.Policies]))
    expect(byNs.iam).toEqual([
      { PolicyName: 'inline-0', PolicyType: 'INLINE', EntityType: 'USER', EntityName: 'erin' },
      { PolicyName: 'list', PolicyType: 'INLINE', EntityType: 'GROUP', EntityName: 'readers' }
    ])
    expect(byNs.s3).toEqual(expect.arrayContaining([
      { PolicyName: 'training', PolicyType: 'MANAGED', PolicyArn: own.Policy!.Arn },
      { PolicyName: 'AmazonS3ReadOnlyAccess', PolicyType: 'MANAGED', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }
    ]))
    expect(byNs.s3).toHaveLength(2)
    expect(byNs.sagemaker).toEqual([{ PolicyName: 'training', PolicyType: 'MANAGED', PolicyArn: own.Policy!.Arn }])
    expect(byNs.lambda).toEqual([])

    // A group: only its own policies.
    const group = await iam.send(new GetGroupCommand({ GroupName: 'readers' }))
    const g = await iam.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: group.Group!.Arn, ServiceNamespaces: ['iam', 'sagemaker'] }))
    expect(g.PoliciesGrantingServiceAccess).toEqual([
      { ServiceNamespace: 'iam', Policies: [{ PolicyName: 'list', PolicyType: 'INLINE', EntityType: 'GROUP', EntityName: 'readers' }] },
      { ServiceNamespace: 'sagemaker', Policies: [] }
    ])
    // A role: inline policy named with the role.
    const role = await iam.send(new CreateRoleCommand({ RoleName: 'etl', AssumeRolePolicyDocument: trustFor(erin.arn) }))
    await iam.send(new PutRolePolicyCommand({ RoleName: 'etl', PolicyName: 'all-but-iam', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] }) }))
    const r = await iam.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: role.Role!.Arn, ServiceNamespaces: ['iam', 'glue'] }))
    expect(r.PoliciesGrantingServiceAccess).toEqual([
      { ServiceNamespace: 'iam', Policies: [] },
      { ServiceNamespace: 'glue', Policies: [{ PolicyName: 'all-but-iam', PolicyType: 'INLINE', EntityType: 'ROLE', EntityName: 'etl' }] }
    ])
  })
})

describe('SetSecurityTokenServicePreferences', () => {
  it('sets GlobalEndpointTokenVersion, which GetAccountSummary reports', async () => {
    const summary = async (): Promise<number | undefined> => (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!.GlobalEndpointTokenVersion
    expect(await summary()).toBe(1)
    await iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v2Token' }))
    expect(await summary()).toBe(2)
    const bad = await awsErrorOf(iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v3Token' as 'v2Token' })))
    expect(bad.name).toBe('ValidationError')
    expect(await summary()).toBe(2)
    await iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v1Token' }))
    expect(await summary()).toBe(1)
    await iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v2Token' }))
    await warden.reset()
    expect(await summary()).toBe(1)
  })
})

describe('bad input', () => {
  it('answers InvalidInput, NoSuchEntity and ValidationError as AWS does, and authorizes on the report target', async () => {
    const u = await createUserWithKeys(warden, 'frank', { inlinePolicy: allow('iam:GetServiceLastAccessedDetails') })
    const generate = (Arn: string, Granularity?: string) =>
      awsErrorOf(iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn, Granularity: Granularity as 'SERVICE_LEVEL' })))
    expect(await generate(`arn:aws:iam::${ACCOUNT}:instance-profile/x`)).toMatchObject({
      name: 'InvalidInput', message: `ARN arn:aws:iam::${ACCOUNT}:instance-profile/x is not valid.`, status: 400
    })
    expect(await generate(`arn:aws:iam::${ACCOUNT}:user/nobody`)).toMatchObject({ name: 'NoSuchEntity', message: 'The user with name nobody cannot be found.', status: 404 })
    expect(await generate(`arn:aws:iam::${ACCOUNT}:user/other-path/frank`)).toMatchObject({ name: 'NoSuchEntity' })
    expect(await generate(`arn:aws:iam::${ACCOUNT}:role/nobody`)).toMatchObject({ name: 'NoSuchEntity', message: 'The role with name nobody cannot be found.' })
    expect(await generate(`arn:aws:iam::${ACCOUNT}:policy/nothing`)).toMatchObject({ name: 'NoSuchEntity', message: `Policy arn:aws:iam::${ACCOUNT}:policy/nothing was not found.` })
    expect(await generate('arn:aws:iam::aws:policy/NoSuchAwsPolicyAtAll')).toMatchObject({ name: 'NoSuchEntity' })
    expect(await generate(`arn:aws:iam::999999999999:user/frank`)).toMatchObject({ name: 'NoSuchEntity' })
    expect(await generate('short')).toMatchObject({ name: 'ValidationError', status: 400 })
    expect(await generate(u.arn, 'HOURLY')).toMatchObject({ name: 'ValidationError' })

    const missing = '00000000-0000-4000-8000-000000000000'
    expect(await awsErrorOf(iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: missing })))).toMatchObject({
      name: 'NoSuchEntity', message: `The job with ID ${missing} cannot be found.`
    })
    expect(await awsErrorOf(iam.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId: missing, ServiceNamespace: 'iam' })))).toMatchObject({ name: 'NoSuchEntity' })
    expect(await awsErrorOf(iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: 'too-short' })))).toMatchObject({ name: 'ValidationError' })
    const { jobId } = await report(u.arn)
    expect(await awsErrorOf(iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: jobId, Marker: 'bogus' })))).toMatchObject({ name: 'InvalidInput' })
    expect(await awsErrorOf(iam.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId: jobId, ServiceNamespace: 'not a namespace' })))).toMatchObject({ name: 'ValidationError' })

    const list = (Arn: string, ServiceNamespaces: string[]) => awsErrorOf(iam.send(new ListPoliciesGrantingServiceAccessCommand({ Arn, ServiceNamespaces })))
    expect(await list(`arn:aws:iam::${ACCOUNT}:policy/anything`, ['iam'])).toMatchObject({ name: 'InvalidInput' })
    expect(await list(`arn:aws:iam::${ACCOUNT}:group/nobody`, ['iam'])).toMatchObject({ name: 'NoSuchEntity', message: 'The group with name nobody cannot be found.' })
    expect(await list(u.arn, Array.from({ length: 201 }, (_, i) => `svc${i}`))).toMatchObject({ name: 'ValidationError' })

    // Authorization on the report's real resource: frank may read jobs but not generate one for himself.
    const asFrank = warden.iam(u.credentials)
    const denied = await awsErrorOf(asFrank.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: u.arn })))
    expect(denied.name).toBe('AccessDenied')
    expect(denied.message).toContain(`iam:GenerateServiceLastAccessedDetails on resource: ${u.arn}`)
    expect((await asFrank.send(new GetServiceLastAccessedDetailsCommand({ JobId: jobId }))).JobStatus).toBe('COMPLETED')
    expect((await awsErrorOf(asFrank.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v2Token' })))).name).toBe('AccessDenied')
  })
})
