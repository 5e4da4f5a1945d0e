import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectAwsError } from '../roles/expect-aws-error.js'
import { createTestContext, type TestContext } from '../shared/testing.js'
import { createAccountAlias, deleteAccountAlias, listAccountAliases } from './account-alias.js'
import { deleteAccountPasswordPolicy, getAccountPasswordPolicy, updateAccountPasswordPolicy } from './account-password-policy.js'
import { CREDENTIAL_REPORT_COLUMNS } from './credential-report.js'
import { generateCredentialReport } from './generate-credential-report.js'
import { authorizationDetails } from './get-account-authorization-details.js'
import { accountSummary } from './get-account-summary.js'
import { getCredentialReport } from './get-credential-report.js'

const ACCT = '123456789012'
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] })
const DOC = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] })
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess'
const HOUR = 3600_000

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- outputs are model-shaped records
type Out = any

let ctx: TestContext
beforeEach(async () => {
  ctx = await createTestContext({ now: new Date('2025-03-04T05:06:07Z') })
})
afterEach(async () => ctx.store.close())

const later = (ms: number): TestContext => ({ ...ctx, now: new Date(ctx.now.getTime() + ms) })
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 20))

describe('credential report', () => {
  it('reports ReportNotPresent before generation, INPROGRESS while generating, then the CSV', async () => {
    await expectAwsError(getCredentialReport.handler({}, ctx), 'ReportNotPresent', '')
    expect(await generateCredentialReport.handler({}, ctx)).toEqual({ State: 'STARTED', Description: 'No report exists. Starting a new report generation task' })
    // Generation runs after the response: a request in the same turn finds it in progress.
    expect(await generateCredentialReport.handler({}, ctx)).toEqual({ State: 'INPROGRESS' })
    await expectAwsError(getCredentialReport.handler({}, ctx), 'ReportInProgress', '')
    await settle()
    expect(await generateCredentialReport.handler({}, ctx)).toEqual({ State: 'COMPLETE' })
    const out: Out = await getCredentialReport.handler({}, ctx)
    expect(out.ReportFormat).toBe('text/csv')
    expect(out.GeneratedTime.getTime()).toBeGreaterThanOrEqual(ctx.now.getTime())
    const lines = Buffer.from(out.Content).toString('utf8').split('\n')
    expect(lines[0]).toBe(CREDENTIAL_REPORT_COLUMNS.join(','))
    expect(lines[1]).toMatch(new RegExp(`^<root_account>,arn:aws:iam::${ACCT}:root,\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00,not_supported,no_information,not_supported,not_supported,false,true,`))
    expect(lines).toHaveLength(2)
  })

  it('prints each user with its two access keys (status, rotation, last use) as AWS does', async () => {
    const created = new Date('2024-01-02T03:04:05.678Z')
    await ctx.store.createUser({ name: 'bob', createDate: created })
    await ctx.store.createUser({ name: 'alice,ops', path: '/ml/', createDate: created })
    const k1 = await ctx.store.createAccessKey({ userName: 'bob', secretCiphertext: new Uint8Array([1]) })
    // Key 1 and key 2 are the oldest and the newest: keep their creation times apart.
    await new Promise((r) => setTimeout(r, 5))
    const k2 = await ctx.store.createAccessKey({ userName: 'bob', secretCiphertext: new Uint8Array([2]) })
    await ctx.store.updateAccessKey('bob', k2.id, 'Inactive')
    await ctx.store.recordAccessKeyUsed(k1.id, new Date('2025-02-03T04:05:06.789Z'), 'iam', 'eu-west-1')
    await generateCredentialReport.handler({}, ctx)
    await settle()
    const csv = Buffer.from(((await getCredentialReport.handler({}, ctx)) as Out).Content).toString('utf8')
    const rows = csv.split('\n')
    const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, '+00:00')
    // Names may hold commas: such a field is quoted.
    expect(rows[2]).toBe(`"alice,ops","arn:aws:iam::${ACCT}:user/ml/alice,ops",2024-01-02T03:04:05+00:00,false,N/A,N/A,N/A,false,` +
      'false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A')
    expect(rows[3]).toBe(`bob,arn:aws:iam::${ACCT}:user/bob,2024-01-02T03:04:05+00:00,false,N/A,N/A,N/A,false,` +
      `true,${iso(k1.createDate)},2025-02-03T04:05:06+00:00,eu-west-1,iam,false,${iso(k2.createDate)},N/A,N/A,N/A,false,N/A,false,N/A`)
    for (const row of rows.slice(1)) expect(row.replace(/"[^"]*"/g, 'q').split(',')).toHaveLength(CREDENTIAL_REPORT_COLUMNS.length)
  })

  it('expires after four hours: ReportExpired, then a new generation starts', async () => {
    await generateCredentialReport.handler({}, ctx)
    await settle()
    expect(await generateCredentialReport.handler({}, later(3 * HOUR))).toEqual({ State: 'COMPLETE' })
    await expectAwsError(getCredentialReport.handler({}, later(4 * HOUR + 1000)), 'ReportExpired', '')
    expect((await generateCredentialReport.handler({}, later(4 * HOUR + 1000))).State).toBe('STARTED')
  })

  it('restarts a generation that never finished (its process died)', async () => {
    await ctx.store.putCredentialReport({ requestedAt: ctx.now })
    expect((await generateCredentialReport.handler({}, later(60_000))).State).toBe('INPROGRESS')
    expect((await generateCredentialReport.handler({}, later(3 * 60_000))).State).toBe('STARTED')
  })
})

describe('GetAccountAuthorizationDetails', () => {
  beforeEach(async () => {
    const s = ctx.store
    const p = await s.createPolicy({ name: 'data', document: DOC })
    await s.createPolicyVersion(p.arn, DOC.replace('GetObject', 'PutObject'), false)
    await s.createGroup({ name: 'g1' })
    for (const name of ['u1', 'u2', 'u3']) {
      await s.createUser({ name, tags: [{ key: 'team', value: 'ml' }] })
      await s.addUserToGroup('g1', name)
    }
    await s.attachPolicy({ type: 'user', name: 'u1' }, READ_ONLY)
    for (const name of ['r1', 'r2']) await s.createRole({ name, assumeRolePolicyDocument: TRUST, permissionsBoundaryArn: p.arn })
    await s.putInlinePolicy({ type: 'role', name: 'r1' }, 'inline', DOC)
    await s.createInstanceProfile({ name: 'ip' })
    await s.addRoleToInstanceProfile('ip', 'r1')
  })

  const names = (out: Out): string[] => [
    ...out.UserDetailList.map((u: Out) => `user:${u.UserName}`), ...out.GroupDetailList.map((g: Out) => `group:${g.GroupName}`),
    ...out.RoleDetailList.map((r: Out) => `role:${r.RoleName}`), ...out.Policies.map((p: Out) => `policy:${p.PolicyName}`)
  ]

  it('returns every section with documents URL-encoded, versions, profiles, boundaries and tags', async () => {
    const out: Out = await authorizationDetails(ctx.store, {})
    expect(names(out)).toEqual(['user:u1', 'user:u2', 'user:u3', 'group:g1', 'role:r1', 'role:r2', 'policy:data', 'policy:ReadOnlyAccess'])
    expect(out.IsTruncated).toBe(false)
    expect(out.UserDetailList[0]).toMatchObject({ GroupList: ['g1'], AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: READ_ONLY }], Tags: [{ Key: 'team', Value: 'ml' }] })
    const r1 = out.RoleDetailList[0]
    expect(r1.AssumeRolePolicyDocument).toBe(encodeURIComponent(TRUST))
    expect(r1.RolePolicyList).toEqual([{ PolicyName: 'inline', PolicyDocument: encodeURIComponent(DOC) }])
    expect(r1.InstanceProfileList.map((p: Out) => [p.InstanceProfileName, p.Roles[0].RoleName])).toEqual([['ip', 'r1']])
    expect(r1.PermissionsBoundary.PermissionsBoundaryArn).toBe(`arn:aws:iam::${ACCT}:policy/data`)
    expect(r1.RoleLastUsed).toEqual({})
    const data = out.Policies[0]
    expect(data).toMatchObject({ AttachmentCount: 0, PermissionsBoundaryUsageCount: 2, IsAttachable: true, DefaultVersionId: 'v1' })
    expect(data.PolicyVersionList.map((v: Out) => [v.VersionId, v.IsDefaultVersion])).toEqual([['v2', false], ['v1', true]])
    expect(out.Policies[1]).toMatchObject({ Arn: READ_ONLY, AttachmentCount: 1, PolicyVersionList: [{ IsDefaultVersion: true }] })
  })

  it('filters by entity type', async () => {
    expect(names(await authorizationDetails(ctx.store, { Filter: ['Role', 'AWSManagedPolicy'] }))).toEqual(['role:r1', 'role:r2', 'policy:ReadOnlyAccess'])
    expect(names(await authorizationDetails(ctx.store, { Filter: ['LocalManagedPolicy', 'Group'] }))).toEqual(['group:g1', 'policy:data'])
    expect(names(await authorizationDetails(ctx.store, { Filter: [] }))).toHaveLength(8)
  })

  it.each([1, 2, 3, 4, 7, 8])('pages across the combined list with MaxItems %i', async (size) => {
    const all = names(await authorizationDetails(ctx.store, {}))
    const seen: string[] = []
    let marker: string | undefined
    for (let i = 0; i < 20; i++) {
      const page: Out = await authorizationDetails(ctx.store, marker === undefined ? { MaxItems: size } : { MaxItems: size, Marker: marker })
      expect(names(page).length).toBeLessThanOrEqual(size)
      seen.push(...names(page))
      if (!page.IsTruncated) break
      expect(page.Marker).toBeTypeOf('string')
      marker = page.Marker
    }
    expect(seen).toEqual(all)
  })

  it('refuses a Marker it did not issue', async () => {
    await expectAwsError(authorizationDetails(ctx.store, { Marker: 'bogus' }), 'InvalidInput', 'Invalid Marker.')
  })
})

describe('GetAccountSummary', () => {
  it('counts entities and policy versions in use, with every quota key', async () => {
    const s = ctx.store
    const p = await s.createPolicy({ name: 'data', document: DOC })
    await s.createUser({ name: 'u' })
    await s.createGroup({ name: 'g' })
    await s.createRole({ name: 'r', assumeRolePolicyDocument: TRUST })
    await s.createInstanceProfile({ name: 'ip' })
    await s.attachPolicy({ type: 'user', name: 'u' }, p.arn)
    await s.attachPolicy({ type: 'role', name: 'r' }, p.arn)
    await s.attachPolicy({ type: 'group', name: 'g' }, READ_ONLY)
    const m = await accountSummary(s)
    expect(m).toMatchObject({ Users: 1, Groups: 1, Roles: 1, Policies: 1, InstanceProfiles: 1, PolicyVersionsInUse: 3, MFADevices: 0, AccountAccessKeysPresent: 1 })
    expect(m).toMatchObject({ UsersQuota: 5000, GroupsQuota: 300, RolesQuota: 1000, PoliciesQuota: 1500, PolicySizeQuota: 6144, AssumeRolePolicySizeQuota: 2048, AttachedPoliciesPerRoleQuota: 10, VersionsPerPolicyQuota: 5 })
    expect(Object.keys(m)).toHaveLength(34)
  })
})

describe('account alias and password policy', () => {
  it('creates, replaces, lists and deletes the alias with AWS errors', async () => {
    expect(await listAccountAliases.handler({}, ctx)).toEqual({ AccountAliases: [], IsTruncated: false })
    await createAccountAlias.handler({ AccountAlias: 'ml-team' }, ctx)
    await expectAwsError(createAccountAlias.handler({ AccountAlias: 'ml-team' }, ctx), 'EntityAlreadyExists', 'The account alias ml-team already exists.')
    await createAccountAlias.handler({ AccountAlias: 'ml-research' }, ctx)
    expect(await listAccountAliases.handler({}, ctx)).toEqual({ AccountAliases: ['ml-research'], IsTruncated: false })
    await expectAwsError(deleteAccountAlias.handler({ AccountAlias: 'ml-team' }, ctx), 'NoSuchEntity', 'The account alias ml-team cannot be found.')
    await deleteAccountAlias.handler({ AccountAlias: 'ml-research' }, ctx)
    expect((await listAccountAliases.handler({}, ctx)).AccountAliases).toEqual([])
  })

  it('password policy: NoSuchEntity before, defaults for what Update leaves out, delete', async () => {
    const missing = `The Password Policy with domain name ${ACCT} cannot be found.`
    await expectAwsError(getAccountPasswordPolicy.handler({}, ctx), 'NoSuchEntity', missing)
    await expectAwsError(deleteAccountPasswordPolicy.handler({}, ctx), 'NoSuchEntity', missing)
    await updateAccountPasswordPolicy.handler({ MinimumPasswordLength: 14, RequireSymbols: true, MaxPasswordAge: 90, PasswordReusePrevention: 5 }, ctx)
    expect((await getAccountPasswordPolicy.handler({}, ctx)).PasswordPolicy).toEqual({
      MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: false, RequireUppercaseCharacters: false, RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: false, ExpirePasswords: true, MaxPasswordAge: 90, PasswordReusePrevention: 5, HardExpiry: false
    })
    // Not a partial update: what is left out goes back to its default.
    await updateAccountPasswordPolicy.handler({ RequireNumbers: true }, ctx)
    expect((await getAccountPasswordPolicy.handler({}, ctx)).PasswordPolicy).toEqual({
      MinimumPasswordLength: 6, RequireSymbols: false, RequireNumbers: true, RequireUppercaseCharacters: false, RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: false, ExpirePasswords: false, HardExpiry: false
    })
    await deleteAccountPasswordPolicy.handler({}, ctx)
    await expectAwsError(getAccountPasswordPolicy.handler({}, ctx), 'NoSuchEntity', missing)
  })
})
