/**
 * The account as a whole, end to end with @aws-sdk/client-iam against a running Warden:
 * GetAccountAuthorizationDetails (filters, paging), GetAccountSummary, account aliases,
 * the password policy, the credential report; bad input and authorization for each.
 */
import {
  AddRoleToInstanceProfileCommand, AddUserToGroupCommand, AttachRolePolicyCommand, CreateAccountAliasCommand, CreateGroupCommand,
  CreateInstanceProfileCommand, CreatePolicyCommand, CreatePolicyVersionCommand, CreateRoleCommand, DeleteAccountAliasCommand,
  DeleteAccountPasswordPolicyCommand, GenerateCredentialReportCommand, GetAccessKeyLastUsedCommand, GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand, GetAccountSummaryCommand, GetCredentialReportCommand, ListAccountAliasesCommand,
  paginateGetAccountAuthorizationDetails, PutRolePolicyCommand, PutUserPolicyCommand, UpdateAccountPasswordPolicyCommand,
  type GetAccountAuthorizationDetailsCommandOutput, type IAMClient
} from '@aws-sdk/client-iam'
import { beforeAll, describe, expect, it } from 'vitest'
import { createUserWithKeys, errorOf } from '../helpers/warden.js'
import { useWarden } from '../helpers/use-warden.js'

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] })
const doc = (action: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*', ...extra }] })
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess'

const warden = useWarden()
let iam: IAMClient
beforeAll(() => {
  iam = warden.iam()
})

/** A small ML account: a customer policy with two versions, a group, users, roles, an instance profile. */
async function seed(): Promise<void> {
  const p = await iam.send(new CreatePolicyCommand({ PolicyName: 'datasets', Path: '/ml/', PolicyDocument: doc('s3:GetObject'), Description: 'read datasets' }))
  await iam.send(new CreatePolicyVersionCommand({ PolicyArn: p.Policy!.Arn, PolicyDocument: doc('s3:*'), SetAsDefault: true }))
  await iam.send(new CreateGroupCommand({ GroupName: 'ml-engineers' }))
  for (const name of ['alice', 'bob']) {
    await createUserWithKeys(warden, name)
    await iam.send(new AddUserToGroupCommand({ GroupName: 'ml-engineers', UserName: name }))
  }
  await iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'own', PolicyDocument: doc('sagemaker:List*') }))
  for (const name of ['trainer', 'notebook', 'batch']) {
    await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST, PermissionsBoundary: name === 'trainer' ? p.Policy!.Arn : undefined, Tags: [{ Key: 'team', Value: 'ml' }] }))
  }
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'trainer', PolicyArn: p.Policy!.Arn }))
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'trainer', PolicyArn: READ_ONLY }))
  await iam.send(new PutRolePolicyCommand({ RoleName: 'trainer', PolicyName: 'logs', PolicyDocument: doc('logs:*') }))
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'trainer' }))
  await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'trainer', RoleName: 'trainer' }))
}

function entries(out: Pick<GetAccountAuthorizationDetailsCommandOutput, 'UserDetailList' | 'GroupDetailList' | 'RoleDetailList' | 'Policies'>): string[] {
  return [
    ...(out.UserDetailList ?? []).map((u) => `user:${u.UserName}`), ...(out.GroupDetailList ?? []).map((g) => `group:${g.GroupName}`),
    ...(out.RoleDetailList ?? []).map((r) => `role:${r.RoleName}`), ...(out.Policies ?? []).map((p) => `policy:${p.PolicyName}`)
  ]
}

describe('GetAccountAuthorizationDetails', () => {
  it('returns users, groups, roles and policies with their relationships, documents URL-encoded', async () => {
    await seed()
    const out = await iam.send(new GetAccountAuthorizationDetailsCommand({}))
    expect(entries(out)).toEqual(['user:alice', 'user:bob', 'group:ml-engineers', 'role:batch', 'role:notebook', 'role:trainer', 'policy:datasets', 'policy:ReadOnlyAccess'])
    expect(out.IsTruncated).toBe(false)
    const alice = out.UserDetailList![0]!
    expect(alice.GroupList).toEqual(['ml-engineers'])
    expect(JSON.parse(decodeURIComponent(alice.UserPolicyList![0]!.PolicyDocument!))).toEqual(JSON.parse(doc('sagemaker:List*')))
    const trainer = out.RoleDetailList!.find((r) => r.RoleName === 'trainer')!
    expect(decodeURIComponent(trainer.AssumeRolePolicyDocument!)).toBe(TRUST)
    expect(trainer.InstanceProfileList?.map((p) => p.InstanceProfileName)).toEqual(['trainer'])
    expect(trainer.AttachedManagedPolicies?.map((a) => a.PolicyName)).toEqual(['datasets', 'ReadOnlyAccess'])
    expect(trainer.PermissionsBoundary?.PermissionsBoundaryArn).toBe(`arn:aws:iam::${warden.accountId}:policy/ml/datasets`)
    expect(trainer.Tags).toEqual([{ Key: 'team', Value: 'ml' }])
    const datasets = out.Policies!.find((p) => p.PolicyName === 'datasets')!
    expect(datasets).toMatchObject({ DefaultVersionId: 'v2', AttachmentCount: 1, PermissionsBoundaryUsageCount: 1, IsAttachable: true, Description: 'read datasets' })
    expect(datasets.PolicyVersionList?.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([['v2', true], ['v1', false]])
    expect(datasets.CreateDate).toBeInstanceOf(Date)
  })

  it('filters and pages across the combined list (the SDK paginator joins the pages)', async () => {
    await seed()
    const all = entries(await iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 1000 })))
    for (const pageSize of [1, 2, 3, 5]) {
      const joined: string[] = []
      for await (const page of paginateGetAccountAuthorizationDetails({ client: iam, pageSize }, {})) {
        expect(entries(page).length).toBeLessThanOrEqual(pageSize)
        joined.push(...entries(page))
      }
      expect(joined).toEqual(all)
    }
    const filtered = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role', 'LocalManagedPolicy'] }))
    expect(entries(filtered)).toEqual(['role:batch', 'role:notebook', 'role:trainer', 'policy:datasets'])
    expect(entries(await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['AWSManagedPolicy'] })))).toEqual(['policy:ReadOnlyAccess'])
  })

  it('refuses bad input with AWS errors', async () => {
    const bad = await errorOf(iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Robot' as 'Role'] })))
    expect(bad).toMatchObject({ name: 'ValidationError', status: 400 })
    expect(bad.message).toMatch(/Member must satisfy enum value set: \[User, Role, Group, LocalManagedPolicy, AWSManagedPolicy\]/)
    expect(await errorOf(iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 0 })))).toMatchObject({ name: 'ValidationError', status: 400 })
    expect(await errorOf(iam.send(new GetAccountAuthorizationDetailsCommand({ Marker: 'not-a-marker' })))).toMatchObject({ name: 'InvalidInputException', message: 'Invalid Marker.', status: 400 })
  })
})

describe('GetAccountSummary', () => {
  it('counts the account and carries every quota key', async () => {
    await seed()
    const map = (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!
    expect(map).toMatchObject({ Users: 2, Groups: 1, Roles: 3, Policies: 1, InstanceProfiles: 1, PolicyVersionsInUse: 2, UsersQuota: 5000, AttachedPoliciesPerRoleQuota: 10, RolePolicySizeQuota: 10240, MFADevices: 0 })
    expect(Object.keys(map).sort()).toEqual(['AccessKeysPerUserQuota', 'AccountAccessKeysPresent', 'AccountMFAEnabled', 'AccountPasswordPresent',
      'AccountSigningCertificatesPresent', 'AssumeRolePolicySizeQuota', 'AttachedPoliciesPerGroupQuota', 'AttachedPoliciesPerRoleQuota',
      'AttachedPoliciesPerUserQuota', 'GlobalEndpointTokenVersion', 'GroupPolicySizeQuota', 'Groups', 'GroupsPerUserQuota', 'GroupsQuota',
      'InstanceProfiles', 'InstanceProfilesQuota', 'MFADevices', 'MFADevicesInUse', 'Policies', 'PoliciesQuota', 'PolicySizeQuota',
      'PolicyVersionsInUse', 'PolicyVersionsInUseQuota', 'Providers', 'RolePolicySizeQuota', 'Roles', 'RolesQuota', 'ServerCertificates',
      'ServerCertificatesQuota', 'SigningCertificatesPerUserQuota', 'UserPolicySizeQuota', 'Users', 'UsersQuota', 'VersionsPerPolicyQuota'])
  })
})

describe('account aliases', () => {
  it('creates, replaces, lists and deletes; refuses bad aliases and a wrong name', async () => {
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([])
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'ml-team' }))
    expect(await errorOf(iam.send(new CreateAccountAliasCommand({ AccountAlias: 'ml-team' })))).toEqual({ name: 'EntityAlreadyExistsException', message: 'The account alias ml-team already exists.', status: 409 })
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'ml-research-2' }))
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual(['ml-research-2'])
    for (const alias of ['ML-Team', 'ab', '-team', 'team-', 'ml--team', 'ml_team']) {
      const e = await errorOf(iam.send(new CreateAccountAliasCommand({ AccountAlias: alias })))
      expect(e, alias).toMatchObject({ name: 'ValidationError', status: 400 })
      expect(e.message).toMatch(new RegExp(`^[12] validation errors? detected: Value '${alias}' at 'accountAlias' failed to satisfy constraint: Member must`))
    }
    expect(await errorOf(iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'ml-team' })))).toEqual({ name: 'NoSuchEntityException', message: 'The account alias ml-team cannot be found.', status: 404 })
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual(['ml-research-2'])
    await iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'ml-research-2' }))
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([])
  })
})

describe('account password policy', () => {
  it('NoSuchEntity until set; Update is not partial; AWS ranges; Delete', async () => {
    const none = { name: 'NoSuchEntityException', message: `The Password Policy with domain name ${warden.accountId} cannot be found.`, status: 404 }
    expect(await errorOf(iam.send(new GetAccountPasswordPolicyCommand({})))).toEqual(none)
    expect(await errorOf(iam.send(new DeleteAccountPasswordPolicyCommand({})))).toEqual(none)
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 12, RequireUppercaseCharacters: true, AllowUsersToChangePassword: true, MaxPasswordAge: 90, PasswordReusePrevention: 24, HardExpiry: true }))
    expect((await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy).toEqual({
      MinimumPasswordLength: 12, RequireSymbols: false, RequireNumbers: false, RequireUppercaseCharacters: true, RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: true, ExpirePasswords: true, MaxPasswordAge: 90, PasswordReusePrevention: 24, HardExpiry: true
    })
    const ranges: [Record<string, number>, string][] = [
      [{ MinimumPasswordLength: 5 }, "Value '5' at 'minimumPasswordLength' failed to satisfy constraint: Member must have value greater than or equal to 6"],
      [{ MinimumPasswordLength: 129 }, "Value '129' at 'minimumPasswordLength' failed to satisfy constraint: Member must have value less than or equal to 128"],
      [{ MaxPasswordAge: 1096 }, "Value '1096' at 'maxPasswordAge' failed to satisfy constraint: Member must have value less than or equal to 1095"],
      [{ PasswordReusePrevention: 25 }, "Value '25' at 'passwordReusePrevention' failed to satisfy constraint: Member must have value less than or equal to 24"]
    ]
    for (const [input, message] of ranges) {
      expect(await errorOf(iam.send(new UpdateAccountPasswordPolicyCommand(input)))).toEqual({ name: 'ValidationError', message: `1 validation error detected: ${message}`, status: 400 })
    }
    // Refused updates changed nothing.
    expect((await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy?.MinimumPasswordLength).toBe(12)
    await iam.send(new UpdateAccountPasswordPolicyCommand({}))
    expect((await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy).toEqual({
      MinimumPasswordLength: 6, RequireSymbols: false, RequireNumbers: false, RequireUppercaseCharacters: false, RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: false, ExpirePasswords: false, HardExpiry: false
    })
    await iam.send(new DeleteAccountPasswordPolicyCommand({}))
    expect(await errorOf(iam.send(new GetAccountPasswordPolicyCommand({})))).toEqual(none)
  })
})

describe('credential report', () => {
  it('ReportNotPresent (410, no message) before generation; STARTED, then COMPLETE; the CSV with access key use', async () => {
    expect(await errorOf(iam.send(new GetCredentialReportCommand({})))).toEqual({ name: 'CredentialReportNotPresentException', message: 'Unknown', status: 410 })
    const alice = await createUserWithKeys(warden, 'alice', { inlinePolicy: JSON.parse(doc('iam:GetAccountSummary')) })
    await warden.iam(alice.credentials).send(new GetAccountSummaryCommand({}))
    // Last use is written off the request path; wait until it is visible.
    for (let i = 0; i < 50 && (await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: alice.credentials.accessKeyId }))).AccessKeyLastUsed?.LastUsedDate === undefined; i++) {
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(await iam.send(new GenerateCredentialReportCommand({}))).toMatchObject({ State: 'STARTED', Description: 'No report exists. Starting a new report generation task' })
    let state: string | undefined
    for (let i = 0; i < 50 && state !== 'COMPLETE'; i++) state = (await iam.send(new GenerateCredentialReportCommand({}))).State
    expect(state).toBe('COMPLETE')
    const report = await iam.send(new GetCredentialReportCommand({}))
    expect(report.ReportFormat).toBe('text/csv')
    expect(report.GeneratedTime).toBeInstanceOf(Date)
    const [header, root, row, ...rest] = Buffer.from(report.Content!).toString('utf8').split('\n')
    expect(header!.split(',')).toHaveLength(22)
    expect(root).toMatch(new RegExp(`^<root_account>,arn:aws:iam::${warden.accountId}:root,`))
    const cells = row!.split(',')
    expect(cells.slice(0, 8)).toEqual(['alice', alice.arn, expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/), 'false', 'N/A', 'N/A', 'N/A', 'false'])
    expect(cells.slice(8, 13)).toEqual(['true', expect.stringMatching(/\+00:00$/), expect.stringMatching(/\+00:00$/), 'us-east-1', 'iam'])
    expect(cells.slice(13)).toEqual(['false', 'N/A', 'N/A', 'N/A', 'N/A', 'false', 'N/A', 'false', 'N/A'])
    expect(rest).toEqual([])
  })
})

describe('authorization', () => {
  const calls: [string, (c: IAMClient) => Promise<unknown>][] = [
    ['GetAccountAuthorizationDetails', (c) => c.send(new GetAccountAuthorizationDetailsCommand({}))],
    ['GetAccountSummary', (c) => c.send(new GetAccountSummaryCommand({}))],
    ['CreateAccountAlias', (c) => c.send(new CreateAccountAliasCommand({ AccountAlias: 'denied-alias' }))],
    ['DeleteAccountAlias', (c) => c.send(new DeleteAccountAliasCommand({ AccountAlias: 'denied-alias' }))],
    ['ListAccountAliases', (c) => c.send(new ListAccountAliasesCommand({}))],
    ['GetAccountPasswordPolicy', (c) => c.send(new GetAccountPasswordPolicyCommand({}))],
    ['UpdateAccountPasswordPolicy', (c) => c.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 20 }))],
    ['DeleteAccountPasswordPolicy', (c) => c.send(new DeleteAccountPasswordPolicyCommand({}))],
    ['GenerateCredentialReport', (c) => c.send(new GenerateCredentialReportCommand({}))],
    ['GetCredentialReport', (c) => c.send(new GetCredentialReportCommand({}))]
  ]

  it('denies every account operation to a user without permission, and changes nothing', async () => {
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 10 }))
    const eve = await createUserWithKeys(warden, 'eve')
    const client = warden.iam(eve.credentials)
    for (const [operation, call] of calls) {
      const e = await errorOf(call(client))
      expect(e, operation).toMatchObject({ name: 'AccessDenied', status: 403 })
      expect(e.message).toBe(`User: ${eve.arn} is not authorized to perform: iam:${operation} because no identity-based policy allows the iam:${operation} action`)
    }
    expect((await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy?.MinimumPasswordLength).toBe(10)
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([])
  })

  it('allows exactly what a policy grants', async () => {
    const ops = await createUserWithKeys(warden, 'ops', { inlinePolicy: JSON.parse(doc('iam:*AccountAlias*')) })
    const client = warden.iam(ops.credentials)
    await client.send(new CreateAccountAliasCommand({ AccountAlias: 'ops-alias' }))
    expect((await client.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual(['ops-alias'])
    expect(await errorOf(client.send(new GetAccountSummaryCommand({})))).toMatchObject({ name: 'AccessDenied' })
  })
})
