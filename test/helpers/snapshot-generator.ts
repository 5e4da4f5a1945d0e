/**
 * A realistic account snapshot for tests and the import benchmark, as `aws iam
 * get-account-authorization-details` prints it: ML team roles (SageMaker, EC2 with
 * instance profiles, Batch, Lambda, Step Functions, cross-account with ExternalId),
 * customer managed policies with up to five versions, boundaries, groups, users, inline
 * policies, tags, last-used dates and AWS managed attachments. Entries come in Warden's
 * export order (names lower-case, so every sort agrees), which makes an export of the
 * imported file directly comparable. Seeded: the same options give the same file.
 */
import { prng } from './prng.js'

export interface GeneratorOptions {
  roles: number
  seed?: number
  accountId?: string
}

type Obj = Record<string, unknown>

/** AWS managed policies in Warden's catalog, as the generated principals attach them. */
export const GENERATED_AWS_POLICIES = [
  'arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess',
  'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
  'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess',
  'arn:aws:iam::aws:policy/CloudWatchLogsFullAccess',
  'arn:aws:iam::aws:policy/ReadOnlyAccess',
  'arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole',
  'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'
]

const TEAMS = ['vision', 'nlp', 'speech', 'recsys', 'forecast', 'platform']
const SERVICES = ['sagemaker.amazonaws.com', 'ec2.amazonaws.com', 'batch.amazonaws.com', 'lambda.amazonaws.com', 'states.amazonaws.com']
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

const byKey = <T>(key: (t: T) => string) => (a: T, b: T): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)

/** Generates a snapshot object (documents as objects, dates as IAM prints them). */
export function generateSnapshot(options: GeneratorOptions): { UserDetailList: Obj[]; GroupDetailList: Obj[]; RoleDetailList: Obj[]; Policies: Obj[] } {
  const rand = prng(options.seed ?? 1)
  const account = options.accountId ?? '210987654321'
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!
  const ids = new Set<string>()
  const id = (prefix: string): string => {
    for (;;) {
      let s = prefix
      while (s.length < 21) s += ALPHABET[Math.floor(rand() * ALPHABET.length)]
      if (!ids.has(s)) {
        ids.add(s)
        return s
      }
    }
  }
  let clock = Date.parse('2021-01-04T09:00:00Z')
  const date = (): string => {
    clock += Math.floor(rand() * 36) * 3600_000 + 1000
    return new Date(clock).toISOString().replace('.000Z', 'Z')
  }
  const bucket = (team: string) => `arn:aws:s3:::ml-${team}-datasets`
  const dataPolicy = (team: string, version: number): Obj => ({
    Version: '2012-10-17',
    Statement: [
      { Sid: `ReadDatasetsV${version}`, Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket', ...(version > 1 ? ['s3:GetObjectVersion'] : [])], Resource: [bucket(team), `${bucket(team)}/*`] },
      { Sid: 'WriteArtifacts', Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::ml-${team}-artifacts/\${aws:username}/*`, Condition: { StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } } }
    ]
  })

  // Customer managed policies: team data policies, a boundary per team, a few shared ones.
  interface Policy { entry: Obj; arn: string; attachments: number; boundaries: number }
  const policies: Policy[] = []
  const policyCount = Math.max(8, Math.floor(options.roles / 2))
  for (let i = 0; i < policyCount; i++) {
    const team = TEAMS[i % TEAMS.length]!
    const boundary = i < TEAMS.length
    const name = boundary ? `${team}-boundary` : `${team}-data-access-${String(i).padStart(4, '0')}`
    const path = boundary ? '/boundaries/' : pick(['/', '/ml/', `/ml/${team}/`])
    const created = date()
    const versionCount = 1 + Math.floor(rand() * 5)
    const versions: Obj[] = []
    let last = created
    for (let v = 1; v <= versionCount; v++) {
      const vDate = v === 1 ? created : (last = date())
      const doc = boundary
        ? { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*', 'sagemaker:*', 'logs:*', 'ec2:Describe*'], Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: '*' }] }
        : dataPolicy(team, v)
      versions.push({ Document: doc, VersionId: `v${v}`, IsDefaultVersion: false, CreateDate: vDate })
    }
    const defaultIndex = Math.floor(rand() * versionCount)
    versions[defaultIndex]!.IsDefaultVersion = true
    const arn = `arn:aws:iam::${account}:policy${path}${name}`
    const entry: Obj = {
      PolicyName: name, PolicyId: id('ANPA'), Arn: arn, Path: path, DefaultVersionId: `v${defaultIndex + 1}`,
      AttachmentCount: 0, PermissionsBoundaryUsageCount: 0, IsAttachable: true
    }
    if (rand() < 0.6) entry.Description = `Access for the ${team} team (${name})`
    entry.CreateDate = created
    entry.UpdateDate = last
    entry.PolicyVersionList = versions.reverse()
    policies.push({ entry, arn, attachments: 0, boundaries: 0 })
  }
  const boundaries = policies.slice(0, TEAMS.length)
  const attachable = policies.slice(TEAMS.length)
  const aws = new Map<string, { attachments: number; boundaries: number }>()
  const attach = (n: number): Obj[] => {
    const chosen = new Set<string>()
    while (chosen.size < n) chosen.add(rand() < 0.7 ? pick(attachable).arn : pick(GENERATED_AWS_POLICIES))
    return [...chosen].sort().map((arn) => {
      const customer = policies.find((p) => p.arn === arn)
      if (customer) customer.attachments++
      else aws.set(arn, { attachments: (aws.get(arn)?.attachments ?? 0) + 1, boundaries: 0 })
      return { PolicyName: arn.slice(arn.lastIndexOf('/') + 1), PolicyArn: arn }
    })
  }
  const boundaryOf = (team: string): Obj => {
    const b = boundaries[TEAMS.indexOf(team)]!
    b.boundaries++
    return { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: b.arn }
  }
  const inline = (n: number, team: string, prefix: string): Obj[] =>
    Array.from({ length: n }, (_, k) => ({ PolicyName: `${prefix}-inline-${k}`, PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:PutLogEvents', 'cloudwatch:PutMetricData'], Resource: '*' }, { Effect: 'Allow', Action: 's3:GetObject', Resource: `${bucket(team)}/shared/*` }] } }))
  const tags = (team: string): Obj[] | undefined => (rand() < 0.7 ? [{ Key: 'team', Value: team }, { Key: 'cost-center', Value: `cc-${100 + Math.floor(rand() * 900)}` }] : undefined)

  const groups: Obj[] = TEAMS.flatMap((team) => ['engineers', 'admins'].map((kind) => ({
    Path: '/teams/', GroupName: `${team}-${kind}`, GroupId: id('AGPA'), Arn: `arn:aws:iam::${account}:group/teams/${team}-${kind}`, CreateDate: date(),
    GroupPolicyList: inline(kind === 'admins' ? 1 : 0, team, `${team}-${kind}`), AttachedManagedPolicies: attach(kind === 'admins' ? 2 : 1)
  }))).sort(byKey((g) => g.GroupName as string))

  const users: Obj[] = Array.from({ length: Math.max(5, Math.floor(options.roles / 10)) }, (_, i) => {
    const team = pick(TEAMS)
    const name = `${team}.engineer${String(i).padStart(4, '0')}`
    const u: Obj = {
      Path: '/', UserName: name, UserId: id('AIDA'), Arn: `arn:aws:iam::${account}:user/${name}`, CreateDate: date(),
      UserPolicyList: inline(rand() < 0.3 ? 1 : 0, team, name),
      GroupList: [`${team}-engineers`, ...(rand() < 0.2 ? [`${team}-admins`] : [])].sort(),
      AttachedManagedPolicies: attach(Math.floor(rand() * 3))
    }
    if (rand() < 0.5) u.PermissionsBoundary = boundaryOf(team)
    const t = tags(team)
    if (t) u.Tags = t
    return u
  }).sort(byKey((u) => u.UserName as string))

  const roles: Obj[] = Array.from({ length: options.roles }, (_, i) => {
    const team = pick(TEAMS)
    const service = pick(SERVICES)
    const kind = service.split('.')[0]!
    const name = `${team}-${kind}-${String(i).padStart(5, '0')}`
    const path = kind === 'sagemaker' ? '/service-role/' : pick(['/', `/ml/${team}/`])
    const arn = `arn:aws:iam::${account}:role${path}${name}`
    const crossAccount = rand() < 0.1
    const trust = crossAccount
      ? { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': `ext-${team}-${i}` } } }] }
      : { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] }
    const created = date()
    const description = rand() < 0.5 ? `${kind} role for ${team}` : undefined
    const maxSessionDuration = pick([3600, 3600, 7200, 43200])
    const profiles: Obj[] = kind === 'ec2'
      ? [(() => {
          const nested: Obj = { Path: path, RoleName: name, RoleId: '', Arn: arn, CreateDate: created, AssumeRolePolicyDocument: trust }
          if (description !== undefined) nested.Description = description
          nested.MaxSessionDuration = maxSessionDuration
          const profile: Obj = {
            Path: path, InstanceProfileName: `${name}-profile`, InstanceProfileId: id('AIPA'), Arn: `arn:aws:iam::${account}:instance-profile${path}${name}-profile`,
            CreateDate: created, Roles: [nested]
          }
          if (rand() < 0.3) profile.Tags = [{ Key: 'team', Value: team }]
          return profile
        })()]
      : []
    const role: Obj = {
      Path: path, RoleName: name, RoleId: id('AROA'), Arn: arn, CreateDate: created, AssumeRolePolicyDocument: trust,
      InstanceProfileList: profiles,
      RolePolicyList: inline(Math.floor(rand() * 3), team, name),
      AttachedManagedPolicies: attach(Math.floor(rand() * 4))
    }
    for (const p of profiles) ((p.Roles as Obj[])[0]!).RoleId = role.RoleId
    if (rand() < 0.3) role.PermissionsBoundary = boundaryOf(team)
    const t = tags(team)
    if (t) role.Tags = t
    role.RoleLastUsed = rand() < 0.4 ? { LastUsedDate: date(), Region: pick(['us-east-1', 'eu-west-1', 'us-west-2']) } : {}
    return role
  }).sort(byKey((r) => r.RoleName as string))

  for (const p of policies) {
    p.entry.AttachmentCount = p.attachments
    p.entry.PermissionsBoundaryUsageCount = p.boundaries
  }
  const awsEntries: Obj[] = [...aws.entries()].sort(byKey(([arn]) => arn)).map(([arn, u]) => ({
    PolicyName: arn.slice(arn.lastIndexOf('/') + 1), PolicyId: id('ANPA'), Arn: arn, Path: arn.slice(arn.indexOf(':policy') + 7, arn.lastIndexOf('/') + 1),
    DefaultVersionId: 'v1', AttachmentCount: u.attachments, PermissionsBoundaryUsageCount: u.boundaries, IsAttachable: true,
    CreateDate: '2015-02-06T18:40:15Z', UpdateDate: '2015-02-06T18:40:15Z',
    PolicyVersionList: [{ Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, VersionId: 'v1', IsDefaultVersion: true, CreateDate: '2015-02-06T18:40:15Z' }]
  }))
  return {
    UserDetailList: users,
    GroupDetailList: groups,
    RoleDetailList: roles,
    Policies: [...policies.map((p) => p.entry).sort(byKey((e) => e.PolicyName as string)), ...awsEntries]
  }
}

/**
 * A snapshot with its AWS managed policy entries reduced to what an import keeps of them
 * (their counts; the content comes from Warden's catalog), for comparing a file with an export.
 */
export function withoutAwsManagedContent(doc: Record<string, unknown>): Record<string, unknown> {
  return {
    ...doc,
    Policies: (doc.Policies as Obj[]).map((p) => (String(p.Arn).includes(':aws:policy/')
      ? { Arn: p.Arn, AttachmentCount: p.AttachmentCount, PermissionsBoundaryUsageCount: p.PermissionsBoundaryUsageCount }
      : p))
  }
}
