import { beforeAll, describe, expect, it } from 'vitest'
import { CatalogNotLoadedError, loadCatalog, ServiceCatalog } from './service-catalog.js'

// Facts below follow the Service Authorization Reference pages for each service, e.g.
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
describe('ServiceCatalog, one service at a time', () => {
  let catalog: ServiceCatalog
  beforeAll(async () => {
    catalog = await ServiceCatalog.create()
  })

  it('knows every service prefix before loading any, case-insensitively', () => {
    expect(catalog.serviceExists('s3')).toBe(true)
    expect(catalog.serviceExists('SageMaker')).toBe(true)
    expect(catalog.serviceExists('states')).toBe(true)
    expect(catalog.serviceExists('stepfunctions')).toBe(false)
    expect(catalog.getService('states')).toEqual({ prefix: 'states', name: 'AWS Step Functions' })
    expect(catalog.listServices().length).toBeGreaterThan(400)
    expect(catalog.isLoaded('s3')).toBe(false)
  })

  it('loads one service in milliseconds', async () => {
    const start = performance.now()
    expect(await catalog.ensureService('S3')).toBe(true)
    expect(performance.now() - start).toBeLessThan(500)
    expect(catalog.isLoaded('s3')).toBe(true)
    expect(await catalog.ensureService('not-a-service')).toBe(false)
  })

  it('throws for lookups on a real service that was not awaited, answers unknown services', () => {
    const fresh = catalog
    expect(() => fresh.actionExists('kms:Decrypt')).toThrow(CatalogNotLoadedError)
    expect(fresh.actionExists('nope:GetObject')).toBe(false)
    expect(fresh.actionExists('GetObject')).toBe(false)
    expect(fresh.getConditionKey('nope:thing')).toBeUndefined()
  })

  it('finds actions case-insensitively and returns AWS casing', () => {
    expect(catalog.actionExists('s3:GetObject')).toBe(true)
    expect(catalog.actionExists('S3:GETOBJECT')).toBe(true)
    expect(catalog.actionExists('s3:GetObjects')).toBe(false)
    expect(catalog.canonicalAction('s3:getobject')).toBe('s3:GetObject')
    expect(catalog.canonicalAction('s3:listallmybuckets')).toBe('s3:ListAllMyBuckets')
    expect(catalog.canonicalAction('s3:nothing')).toBeUndefined()
  })

  it('expands wildcards within a service', () => {
    const gets = catalog.expandAction('s3:Get*')
    expect(gets).toContain('s3:GetObject')
    expect(gets).toContain('s3:GetBucketPolicy')
    expect(gets.every((a) => a.startsWith('s3:Get'))).toBe(true)
    expect(gets).toEqual([...gets].sort())
    expect(catalog.expandAction('s3:get*')).toEqual(gets)
    expect(catalog.expandAction('s3:?etObject')).toEqual(['s3:GetObject'])
    expect(catalog.expandAction('s3:*Object')).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject', 's3:DeleteObject']))
    expect(catalog.expandAction('s3:*').length).toBe(catalog.listActions('s3').length)
    expect(catalog.expandAction('s3:GETOBJECT')).toEqual(['s3:GetObject'])
    expect(catalog.expandAction('s3:GetObjects')).toEqual([])
    expect(catalog.expandAction('nope:*')).toEqual([])
    expect(catalog.expandAction('GetObject')).toEqual([])
  })

  it('reports access levels as the reference lists them', async () => {
    await catalog.ensureForActions(['iam:AttachRolePolicy', 'sagemaker:CreateTrainingJob'])
    expect(catalog.accessLevel('s3:GetObject')).toBe('Read')
    expect(catalog.accessLevel('s3:ListBucket')).toBe('List')
    expect(catalog.accessLevel('s3:PutObject')).toBe('Write')
    expect(catalog.accessLevel('s3:PutBucketPolicy')).toBe('Permissions management')
    expect(catalog.accessLevel('iam:AttachRolePolicy')).toBe('Permissions management')
    expect(catalog.accessLevel('iam:TagRole')).toBe('Tagging')
    expect(catalog.accessLevel('iam:PassRole')).toBe('Write')
  })

  it('lists resource types with ARN formats and required flags', () => {
    const object = catalog.resourceTypesOf('s3:GetObject')?.find((r) => r.name === 'object')
    expect(object?.arnFormat).toBe('arn:${Partition}:s3:::${BucketName}/${ObjectName}')
    expect(catalog.resourceTypesOf('s3:ListBucket')?.map((r) => r.name)).toContain('bucket')
    expect(catalog.resourceTypesOf('iam:PassRole')).toEqual([
      { name: 'role', required: true, arnFormat: 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}', conditionKeys: [], dependentActions: [] }
    ])
    expect(catalog.getAction('s3:ListAllMyBuckets')?.wildcardResourceOnly).toBe(true)
    expect(catalog.getAction('sagemaker:CreateTrainingJob')?.resourceTypes.find((r) => r.name === 'training-job')?.required).toBe(true)
    expect(catalog.getResourceType('sagemaker', 'Training-Job')?.arnFormat).toBe('arn:${Partition}:sagemaker:${Region}:${Account}:training-job/${TrainingJobName}')
    expect(catalog.listResourceTypes('s3').map((r) => r.name)).toContain('bucket')
    expect(catalog.resourceTypesOf('s3:Nothing')).toBeUndefined()
  })

  it('lists condition keys of actions and services and matches keys with variables', () => {
    expect(catalog.conditionKeysOf('s3:ListBucket')).toEqual(expect.arrayContaining(['s3:prefix', 's3:delimiter', 's3:max-keys']))
    expect(catalog.conditionKeysOf('iam:PassRole')).toEqual(expect.arrayContaining(['iam:AssociatedResourceArn', 'iam:PassedToService']))
    expect(catalog.serviceConditionKeys('s3').map((k) => k.key)).toContain('s3:x-amz-acl')
    expect(catalog.getConditionKey('S3:Prefix')?.key).toBe('s3:prefix')
    expect(catalog.getConditionKey('s3:ExistingObjectTag/team')?.key).toBe('s3:ExistingObjectTag/<key>')
    expect(catalog.getConditionKey('s3:ExistingObjectTag/')).toBeUndefined()
    expect(catalog.getConditionKey('iam:PassedToService')?.type).toBe('String')
    expect(catalog.getConditionKey('aws:SourceIp')?.type).toBe('IPAddress')
    expect(catalog.getConditionKey('aws:PrincipalTag/team')?.key).toBe('aws:PrincipalTag/tag-key')
    expect(catalog.getConditionKey('aws:NoSuchKey')).toBeUndefined()
    expect(catalog.getConditionKey('s3:no-such-key')).toBeUndefined()
  })

  it('matches every form of variable part the reference uses', async () => {
    await catalog.ensureForActions(['kms:Decrypt', 'secretsmanager:GetSecretValue', 'ec2:RunInstances'])
    expect(catalog.getConditionKey('kms:EncryptionContext:aws:pi:service')?.key).toBe('kms:EncryptionContext:${EncryptionContextKey}')
    expect(catalog.getConditionKey('kms:EncryptionContextKeys')?.key).toBe('kms:EncryptionContextKeys')
    expect(catalog.getConditionKey('secretsmanager:ResourceTag/team')?.key).toBe('secretsmanager:ResourceTag/tag-key')
    expect(catalog.getConditionKey('ec2:ResourceTag/team')?.key).toBe('ec2:ResourceTag/${TagKey}')
    expect(catalog.getConditionKey('ec2:ResourceTag/')).toBeUndefined()
  })

  it('loads what action lists and patterns need', async () => {
    const fresh = await ServiceCatalog.create()
    await fresh.ensureForActions(['ecr:GetAuthorizationToken', 'logs:*', 'nope:Thing', 'NotAnAction'])
    expect(fresh.isLoaded('ecr')).toBe(true)
    expect(fresh.isLoaded('logs')).toBe(true)
    expect(fresh.isLoaded('s3')).toBe(false)
    expect(fresh.expandAction('logs:Create*')).toEqual(expect.arrayContaining(['logs:CreateLogGroup', 'logs:CreateLogStream']))
    // Concurrent loads of one service share a single read.
    await Promise.all([fresh.ensureService('batch'), fresh.ensureService('BATCH'), fresh.ensureService('batch')])
    expect(fresh.actionExists('batch:SubmitJob')).toBe(true)
  })

  it('shares one process-wide catalog', async () => {
    const a = await loadCatalog()
    const b = await loadCatalog(['states:StartExecution'])
    expect(a).toBe(b)
    expect(b.actionExists('states:startexecution')).toBe(true)
  })
})

describe('ServiceCatalog, everything loaded', () => {
  it('expands `*`, service wildcards and cross-service patterns', async () => {
    const catalog = await ServiceCatalog.create()
    expect(() => catalog.expandAction('*')).toThrow(CatalogNotLoadedError)
    await catalog.ensureForActions(['*:Get*'])
    expect(catalog.allLoaded).toBe(true)
    const all = catalog.expandAction('*')
    expect(all.length).toBeGreaterThan(15000)
    expect(new Set(all).size).toBe(all.length)
    const gets = catalog.expandAction('*:GetObject')
    expect(gets).toEqual(expect.arrayContaining(['s3:GetObject', 's3-object-lambda:GetObject']))
    expect(catalog.expandAction('s3*:GetObject').every((a) => a.startsWith('s3'))).toBe(true)
    expect(catalog.expandAction('*:*').length).toBe(all.length)
    // Every service in the list has data files (guards the package's layout).
    for (const s of catalog.listServices()) expect(catalog.isLoaded(s.prefix)).toBe(true)
  })
})
