/**
 * `warden lint` on the seed guides' own policies (test/fixtures/seeds, taken from
 * ../shared/seeds; see the README there) reports what a reviewer of each guide would
 * point out, and nothing else. Then the guides themselves, as Markdown.
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runWarden } from './helpers/process.js'

interface Finding {
  findingType: string
  issueCode: string
  path: string
  message: string
  suggestion?: string
}

const FIXTURES = 'test/fixtures/seeds'

/** What a reviewer expects, file by file: issue code, JSON path and a phrase of the message. */
const EXPECTED: Record<string, [string, string, string][]> = {
  '000-ec2-training-policy.json': [
    // The log statement names the log group, but both actions act on its log streams.
    ['RESOURCE_TYPE_MISMATCH', '$.Statement[2].Action[0]', 'logs:CreateLogStream acts on log-stream'],
    ['RESOURCE_TYPE_MISMATCH', '$.Statement[2].Action[1]', 'logs:PutLogEvents acts on log-stream'],
    // The guide's placeholders, left in the ARN.
    ['INVALID_ARN_ACCOUNT', '$.Statement[2].Resource', 'account-id'],
    ['INVALID_ARN_REGION', '$.Statement[2].Resource', 'The Region region'],
    // Start, stop and terminate any instance in the account: could be scoped by ARN or tag.
    ['SCOPABLE_ACTION_ON_ALL_RESOURCES', '$.Statement[1].Resource', 'ec2:TerminateInstances']
  ],
  '000-ec2-training-role.json': [
    ['FULL_ACCESS_MANAGED_POLICY', '$.Properties.ManagedPolicyArns[0]', 'AmazonS3FullAccess allows s3:*'],
    ['FULL_ACCESS_MANAGED_POLICY', '$.Properties.ManagedPolicyArns[1]', 'CloudWatchLogsFullAccess allows logs:*'],
    ['FULL_ACCESS_MANAGED_POLICY', '$.Properties.ManagedPolicyArns[2]', 'AmazonEC2FullAccess allows ec2:*']
  ],
  '000-ec2-training-trust.json': [['INVALID_PRINCIPAL_FORMAT', '$.Statement[0].Principal.AWS', 'YOUR_ACCOUNT_ID']],
  '001-sagemaker-iam.json': [
    ['FULL_ACCESS_MANAGED_POLICY', '$.Resources.ExecutionRole.Properties.ManagedPolicyArns[0]', 'AmazonSageMakerFullAccess'],
    ['FULL_ACCESS_MANAGED_POLICY', '$.Resources.Developer.Properties.ManagedPolicyArns[0]', 'AmazonSageMakerFullAccess'],
    ['FULL_ACCESS_MANAGED_POLICY', '$.Resources.Developer.Properties.ManagedPolicyArns[1]', 'AmazonEC2ContainerRegistryFullAccess allows ecr:*']
  ],
  '001-vessel-segmentation-policy.json': [
    ['SCOPABLE_ACTION_ON_ALL_RESOURCES', '$.Statement[1].Resource', 'ecr:BatchGetImage'],
    ['SCOPABLE_ACTION_ON_ALL_RESOURCES', '$.Statement[2].Resource', 'arn:aws:logs:*:*:*']
  ],
  '002-rbac-groups.json': [
    ['FULL_ACCESS_MANAGED_POLICY', '$.Resources.SageMakerUsers.Properties.ManagedPolicyArns[0]', 'AmazonSageMakerFullAccess'],
    ['FULL_ACCESS_MANAGED_POLICY', '$.Resources.MLEngineers.Properties.ManagedPolicyArns[0]', 'AmazonSageMakerFullAccess'],
    ['FULL_ACCESS_MANAGED_POLICY', '$.Resources.MLAdmins.Properties.ManagedPolicyArns[0]', 'every action of every AWS service']
  ],
  '003-basic-s3-permission.json': [['SCOPABLE_ACTION_ON_ALL_RESOURCES', '$.Statement[0].Resource', 's3:DeleteObject']],
  '003-basic-s3.json': [
    ['INVALID_ACTION', '$.Statement[0].Action[0]', 'Did you mean s3:ListAllMyBuckets?'],
    ['INVALID_ARN_RESOURCE', '$.Statement[0].Resource[0]', 'arn:aws:s3:::']
  ],
  '003-notebook-trust.json': [],
  '004-lambda-batch-execution-policy.json': [['SCOPABLE_ACTION_ON_ALL_RESOURCES', '$.Statement[0].Resource', 'batch:SubmitJob']],
  '004-service-roles.json': [
    ['FULL_ACCESS_MANAGED_POLICY', '$.Resources.EcsForEc2Role.Properties.ManagedPolicyArns[0]', 'AmazonSQSFullAccess allows sqs:*'],
    ['FULL_ACCESS_MANAGED_POLICY', '$.Resources.EcsForEc2Role.Properties.ManagedPolicyArns[1]', 'AmazonS3FullAccess'],
    ['FULL_ACCESS_MANAGED_POLICY', '$.Resources.LambdaRole.Properties.ManagedPolicyArns[0]', 'AmazonSQSFullAccess'],
    ['FULL_ACCESS_MANAGED_POLICY', '$.Resources.LambdaRole.Properties.ManagedPolicyArns[1]', 'AmazonS3FullAccess'],
    ['MANAGED_POLICY_NOT_ATTACHABLE', '$.Resources.LambdaRole.Properties.ManagedPolicyArns[2]', 'AWSLambdaFullAccess is deprecated; AWS replaced it with arn:aws:iam::aws:policy/AWSLambda_FullAccess'],
    ['EMPTY_SID_VALUE', '$.Resources.SpotFleetRole.Properties.AssumeRolePolicyDocument.Statement[0].Sid', 'empty string']
  ],
  '004-workflow-user.json': [
    ['FULL_ACCESS_MANAGED_POLICY', '$.Properties.ManagedPolicyArns[0]', 'AmazonEC2FullAccess'],
    ['FULL_ACCESS_MANAGED_POLICY', '$.Properties.ManagedPolicyArns[1]', 'AWSBatchFullAccess allows batch:*'],
    ['FULL_ACCESS_MANAGED_POLICY', '$.Properties.ManagedPolicyArns[2]', 'AmazonEC2ContainerRegistryFullAccess'],
    ['MANAGED_POLICY_NOT_ATTACHABLE', '$.Properties.ManagedPolicyArns[3]', 'AWSLambdaFullAccess is deprecated'],
    ['FULL_ACCESS_MANAGED_POLICY', '$.Properties.ManagedPolicyArns[4]', 'AmazonSQSFullAccess'],
    ['FULL_ACCESS_MANAGED_POLICY', '$.Properties.ManagedPolicyArns[5]', 'AWSStepFunctionsFullAccess allows states:*']
  ]
}

describe('warden lint on the seed guides’ policies', () => {
  let byFile: Map<string, Finding[]>
  let exitCode: number | null
  beforeAll(async () => {
    const files = readdirSync(join(import.meta.dirname, 'fixtures', 'seeds')).filter((f) => f.endsWith('.json'))
    const r = await runWarden(['lint', '--format', 'json', ...files.map((f) => join(FIXTURES, f))])
    exitCode = r.code
    const out = JSON.parse(r.stdout) as { files: { file: string; findings: Finding[] }[] }
    byFile = new Map(out.files.map((f) => [f.file.slice(FIXTURES.length + 1), f.findings]))
  }, 60_000)

  it('lints every fixture and fails (the guides have errors)', () => {
    expect([...byFile.keys()].sort()).toEqual(Object.keys(EXPECTED).sort())
    expect(exitCode).toBe(1)
  })

  it.each(Object.entries(EXPECTED))('%s', (file, expected) => {
    const findings = byFile.get(file)!
    expect(findings.map((f) => `${f.issueCode} ${f.path}`).sort()).toEqual(expected.map(([code, path]) => `${code} ${path}`).sort())
    for (const [code, path, phrase] of expected) {
      expect(findings.find((f) => f.issueCode === code && f.path === path)!.message).toContain(phrase)
    }
  })
})

// The guides themselves, wherever the seeds are (CI lays shared/ beside the repository).
const SEEDS = join(import.meta.dirname, '..', '..', 'shared', 'seeds')

describe.runIf(existsSync(SEEDS))('warden lint on the guides as written', () => {
  it('finds the pasted policies and the managed policies the guides tell people to attach', async () => {
    const r = await runWarden(['lint', '--format', 'json', SEEDS])
    const out = JSON.parse(r.stdout) as { files: { file: string; findings: Finding[] }[] }
    const has = (guide: string, code: string, phrase: string) =>
      out.files.find((f) => f.file.includes(`${guide}_`))!.findings.some((f) => f.issueCode === code && f.message.includes(phrase))
    expect(has('000', 'FULL_ACCESS_MANAGED_POLICY', 'AmazonS3FullAccess allows s3:*')).toBe(true)
    expect(has('000', 'RESOURCE_TYPE_MISMATCH', 'logs:PutLogEvents acts on log-stream')).toBe(true)
    expect(has('000', 'INVALID_PRINCIPAL_FORMAT', 'YOUR_ACCOUNT_ID')).toBe(true)
    expect(has('001', 'FULL_ACCESS_MANAGED_POLICY', 'AmazonEC2ContainerRegistryFullAccess')).toBe(true)
    expect(has('002', 'FULL_ACCESS_MANAGED_POLICY', 'AmazonSageMakerFullAccess')).toBe(true)
    expect(has('004', 'MANAGED_POLICY_NOT_ATTACHABLE', 'AWSLambdaFullAccess is deprecated')).toBe(true)
    expect(r.code).toBe(1)
  }, 60_000)
})
