/**
 * Seeded generators of policies and requests for the differential tests: a small
 * vocabulary of ML-setup actions, resources and condition keys, combined at random so
 * wildcards, Not* elements, conditions and policy kinds meet in every way.
 */

export { prng } from '../helpers/prng.js'

export const ACCOUNT = '111122223333'
export const BUCKET = 'ml-training-data'

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
const some = <T>(rand: () => number, xs: readonly T[], max: number): T[] => {
  const n = 1 + Math.floor(rand() * max)
  return Array.from(new Set(Array.from({ length: n }, () => pick(rand, xs))))
}

export const REQUEST_ACTIONS = [
  's3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:DeleteObject', 's3:GetBucketPolicy',
  'iam:CreateRole', 'iam:PassRole', 'iam:GetRole', 'ec2:RunInstances', 'sagemaker:CreateTrainingJob',
  'logs:PutLogEvents', 'ecr:BatchGetImage'
] as const

const POLICY_ACTIONS = [
  ...REQUEST_ACTIONS, 's3:*', 's3:Get*', 's3:*Object', 's3:?etObject', 'iam:*Role', 'iam:Get*', '*',
  'sagemaker:*', 'S3:getobject', 'ec2:Run*', 'logs:*', 'ecr:Batch*'
]

export const REQUEST_RESOURCES = [
  `arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/train/a.nii`, `arn:aws:s3:::${BUCKET}/ckpt/e1.pt`,
  'arn:aws:s3:::other-bucket/x', `arn:aws:iam::${ACCOUNT}:role/SageMakerExec`, `arn:aws:iam::${ACCOUNT}:role/ml/BatchJob`,
  `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abc`, `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/seg-1`,
  `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/sagemaker/TrainingJobs:log-stream:j1`,
  `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/train`
] as const

const POLICY_RESOURCES = [
  ...REQUEST_RESOURCES, '*', `arn:aws:s3:::${BUCKET}/*`, `arn:aws:s3:::${BUCKET}*`, 'arn:aws:s3:::*',
  `arn:aws:iam::${ACCOUNT}:role/*`, `arn:aws:iam::*:role/ml/*`, 'arn:aws:ec2:*:*:instance/*',
  `arn:aws:sagemaker:*:${ACCOUNT}:training-job/*`, 'arn:aws:logs:*:*:*', `arn:aws:ecr:*:${ACCOUNT}:repository/tr?in`,
  `arn:aws:s3:::${BUCKET}/\${aws:username}/*`, `arn:aws:s3:::${BUCKET}/train/*`
]

type Condition = Record<string, Record<string, string | string[]>>

const CONDITIONS: Condition[] = [
  { Bool: { 'aws:SecureTransport': 'false' } },
  { Bool: { 'aws:SecureTransport': 'true' } },
  { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
  { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } },
  { StringEqualsIfExists: { 'aws:RequestedRegion': 'eu-west-1' } },
  { StringLike: { 'aws:PrincipalTag/team': 'ml-*' } },
  { StringEquals: { 'aws:PrincipalTag/team': '${aws:username}' } },
  { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.1.0/24'] } },
  { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
  { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
  { Null: { 'aws:MultiFactorAuthAge': 'true' } },
  { Null: { 'aws:TokenIssueTime': 'false' } },
  { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['project', 'team'] } },
  { 'ForAllValues:StringLike': { 'aws:TagKeys': ['proj*', 'team'] } },
  { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
  { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:user/*` } },
  { StringNotLike: { 'aws:username': 'admin*' } },
  { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } },
  { DateGreaterThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } }
]

export interface GeneratedStatement {
  Effect: 'Allow' | 'Deny'
  Action?: string | string[]
  NotAction?: string | string[]
  Resource?: string | string[]
  NotResource?: string | string[]
  Principal?: unknown
  Condition?: Condition
}

function statement(rand: () => number, principal?: () => unknown): GeneratedStatement {
  const s: GeneratedStatement = { Effect: rand() < 0.75 ? 'Allow' : 'Deny' }
  const actions = some(rand, POLICY_ACTIONS, 3)
  if (rand() < 0.12) s.NotAction = actions
  else s.Action = actions.length === 1 && rand() < 0.5 ? actions[0]! : actions
  const resources = some(rand, POLICY_RESOURCES, 3)
  if (rand() < 0.1) s.NotResource = resources
  else s.Resource = resources
  if (principal) s.Principal = principal()
  if (rand() < 0.4) {
    const c = pick(rand, CONDITIONS)
    s.Condition = rand() < 0.3 ? { ...c, ...pick(rand, CONDITIONS) } : c
  }
  return s
}

export function identityPolicy(rand: () => number) {
  return { Version: '2012-10-17', Statement: Array.from({ length: 1 + Math.floor(rand() * 3) }, () => statement(rand)) }
}

export function resourcePolicy(rand: () => number, principals: readonly unknown[]) {
  return {
    Version: '2012-10-17',
    Statement: Array.from({ length: 1 + Math.floor(rand() * 2) }, () => statement(rand, () => pick(rand, principals)))
  }
}

export function requestContext(rand: () => number, username: string | undefined): Record<string, string | string[]> {
  const context: Record<string, string | string[]> = {}
  if (rand() < 0.6) context['aws:SecureTransport'] = rand() < 0.7 ? 'true' : 'false'
  if (rand() < 0.6) context['aws:RequestedRegion'] = pick(rand, ['us-east-1', 'eu-west-1', 'ap-south-1'])
  if (rand() < 0.5) context['aws:SourceIp'] = pick(rand, ['10.1.2.3', '192.168.1.7', '203.0.113.9'])
  if (rand() < 0.3) context['aws:MultiFactorAuthAge'] = pick(rand, ['100', '7200'])
  if (rand() < 0.3) context['aws:TokenIssueTime'] = '2026-11-23T07:00:00Z'
  if (rand() < 0.3) context['aws:TagKeys'] = some(rand, ['project', 'team', 'owner'], 2)
  if (rand() < 0.3) context['iam:PassedToService'] = pick(rand, ['sagemaker.amazonaws.com', 'ec2.amazonaws.com'])
  if (rand() < 0.5) context['aws:PrincipalTag/team'] = pick(rand, ['ml-vision', 'analytics', username ?? 'x'])
  return context
}

export { pick }
