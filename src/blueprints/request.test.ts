import { describe, expect, it } from 'vitest'
import { builtinText } from './builtin.js'
import { loadBlueprint } from './load.js'
import { planBlueprint } from './plan.js'
import { awsCommand, kebab, renderRequest, shellQuote, type RequestFile } from './request.js'

const EMPTY = { roles: new Map(), users: new Map(), groups: new Map(), policies: new Map(), instanceProfiles: new Map(), serviceLinkedRoles: new Map() }

describe('warden request', () => {
  it('names aws CLI commands and options as botocore does', () => {
    expect(kebab('CreateServiceLinkedRole')).toBe('create-service-linked-role')
    expect(kebab('AWSServiceName')).toBe('aws-service-name')
    expect(kebab('AssumeRolePolicyDocument')).toBe('assume-role-policy-document')
    expect(shellQuote('arn:aws:iam::aws:policy/x')).toBe('arn:aws:iam::aws:policy/x')
    expect(shellQuote("it's a role")).toBe(`'it'\\''s a role'`)
  })

  it('writes documents as files and reads them with file://', () => {
    const files: RequestFile[] = []
    const cmd = awsCommand({ action: 'CreateRole', input: { RoleName: 'r', AssumeRolePolicyDocument: '{}', Tags: [{ Key: 'warden:blueprint', Value: 'x' }] }, summary: '' }, files)
    expect(cmd).toBe('aws iam create-role --role-name r --assume-role-policy-document file://r-trust.json --tags Key=warden:blueprint,Value=x')
    expect(files).toEqual([{ name: 'r-trust.json', content: '{}\n' }])
    expect(awsCommand({ action: 'CreatePolicyVersion', input: { PolicyArn: 'arn:aws:iam::1:policy/p', PolicyDocument: '{}', SetAsDefault: true }, summary: '' }, [])).toBe(
      'aws iam create-policy-version --policy-arn arn:aws:iam::1:policy/p --policy-document file://p.json --set-as-default'
    )
  })

  it('asks for the EC2 training role with its exact documents and commands (guide 000)', () => {
    const r = loadBlueprint(builtinText('ec2-training')!, 'ec2-training', { accountId: '123456789012', region: 'us-east-1', set: { user: 'alice', bucket: 'alice-data' } })
    if (!r.ok) throw new Error('load failed')
    const req = renderRequest(r.blueprint, planBlueprint(r.blueprint, EMPTY), 'arn:aws:iam::123456789012:user/alice')
    expect(req.files.map((f) => f.name)).toEqual(['EC2TrainingPolicy.json', 'alice-AssumeTrainingRole.json', 'EC2-Training-Role-trust.json'])
    expect(JSON.parse(req.files[2]!.content).Statement[0].Principal).toEqual({ AWS: 'arn:aws:iam::123456789012:user/alice' })
    expect(req.markdown).toContain('aws iam create-role --role-name EC2-Training-Role --path / --assume-role-policy-document file://EC2-Training-Role-trust.json')
    expect(req.markdown).toContain('aws iam add-role-to-instance-profile --instance-profile-name EC2-Training-Role --role-name EC2-Training-Role')
    expect(req.markdown).toContain('"Resource": "arn:aws:s3:::alice-data/*"')
    expect(req.markdown).toContain('Requested by `arn:aws:iam::123456789012:user/alice`')
  })
})
