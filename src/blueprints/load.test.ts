import { describe, expect, it } from 'vitest'
import { builtinNames, builtinText } from './builtin.js'
import { loadBlueprint, ParameterError, type LoadResult } from './load.js'
import { blueprintJsonSchema } from './schema.js'

const opts = { accountId: '123456789012', region: 'eu-west-1' }
const problems = (r: LoadResult) => (r.ok ? [] : r.problems.map((p) => `${p.line}:${p.column} ${p.message}`))

const ROLE = `blueprint: demo
description: a demo
parameters:
  bucket:
    default: demo-bucket
roles:
  - name: trainer
    trust:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Principal: {Service: ec2.amazonaws.com}
          Action: sts:AssumeRole
    inline_policies:
      - name: data
        document:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Action: s3:GetObject
              Resource: arn:\${partition}:s3:::\${bucket}/\${aws:username}/*
`

describe('built-in blueprints', () => {
  it('are the four seed-guide blueprints, and each loads with its defaults', () => {
    expect(builtinNames()).toEqual(['batch-workflow', 'ec2-training', 'ml-team-rbac', 'sagemaker-training'])
    for (const name of builtinNames()) {
      const r = loadBlueprint(builtinText(name)!, name, opts)
      expect(problems(r), name).toEqual([])
      expect(r.ok && r.blueprint.name).toBe(name)
    }
  })

  it('substitute parameters, built-ins and leave IAM policy variables alone', () => {
    const r = loadBlueprint(ROLE, 'demo.yaml', { ...opts, set: { bucket: 'other' } })
    if (!r.ok) throw new Error(problems(r).join('\n'))
    const role = r.blueprint.roles[0]!
    expect(role.arn).toBe('arn:aws:iam::123456789012:role/trainer')
    const statement = (role.inlinePolicies[0]!.document.Statement as { Resource: string }[])[0]!
    expect(statement.Resource).toBe('arn:aws:s3:::other/${aws:username}/*')
  })

  it('keep what `when` leaves out out of the blueprint', () => {
    const r = loadBlueprint(builtinText('ec2-training')!, 'ec2', { ...opts, set: { create_user: 'false' } })
    expect(r.ok && r.blueprint.users).toEqual([])
    const r2 = loadBlueprint(builtinText('ec2-training')!, 'ec2', opts)
    expect(r2.ok && r2.blueprint.users.map((u) => u.name)).toEqual(['EC2-Training-User'])
  })

  it('use the region in log group and instance ARNs', () => {
    const r = loadBlueprint(builtinText('ec2-training')!, 'ec2', opts)
    const text = r.ok ? JSON.stringify(r.blueprint.policies[0]!.document) : ''
    expect(text).toContain('arn:aws:logs:eu-west-1:123456789012:log-group:/aws/ec2/training-logs:log-stream:*')
    expect(text).toContain('arn:aws:ec2:eu-west-1:123456789012:instance/*')
  })
})

describe('schema errors name the line', () => {
  it('reports unknown fields, wrong types and missing fields, each at its line', () => {
    const text = ROLE.replace('    trust:\n', '    colour: blue\n    max_session_duration: 60\n    trust:\n').replace('description: a demo\n', '')
    expect(problems(loadBlueprint(text, 'demo.yaml', opts))).toEqual([
      '1:1 missing required field `description`',
      '7:5 unknown field `colour` in `roles[0]` (expected one of `name`, `path`, `description`, `max_session_duration`, `trust`, `managed_policies`, `inline_policies`, `permissions_boundary`, `when`)',
      '8:27 `roles[0].max_session_duration` must be from 3600 to 43200, not 60'
    ])
  })

  it('reports YAML syntax errors and duplicate keys at their line', () => {
    expect(problems(loadBlueprint('blueprint: x\ndescription: y\nroles:\n  - name: a\n\ttrust: 1\n', 'x.yaml', opts))).toEqual(['5:1 Tabs are not allowed as indentation'])
    expect(problems(loadBlueprint('blueprint: x\ndescription: y\nblueprint: z\n', 'x.yaml', opts))).toEqual(['3:1 Map keys must be unique'])
  })

  it('reports policy documents IAM would reject at the statement line', () => {
    const text = ROLE.replace('              Action: s3:GetObject\n', '')
    const [p] = problems(loadBlueprint(text, 'demo.yaml', opts))
    expect(p).toMatch(/^19:15 policy: Policy statement must contain actions/)
    const trust = ROLE.replace('          Principal: {Service: ec2.amazonaws.com}\n', '')
    expect(problems(loadBlueprint(trust, 'demo.yaml', opts))[0]).toMatch(/^11:11 trust policy: .*needs a `Principal`/)
  })

  it('reports unknown parameters and references at their line', () => {
    const text = ROLE.replace('name: trainer', 'name: ${nope}').replace('    inline_policies:', '    managed_policies: [Missing]\n    inline_policies:')
    expect(problems(loadBlueprint(text, 'demo.yaml', opts))).toEqual([
      '7:11 unknown parameter `${nope}` (declare it under `parameters`; built-ins: `${account}`, `${region}`, `${partition}`, `${blueprint}`)',
      '14:24 unknown policy `Missing`: declare it under `policies` or give its ARN'
    ])
  })

  it('rejects names IAM would reject, after substitution', () => {
    expect(problems(loadBlueprint(ROLE, 'demo.yaml', opts))).toEqual([])
    const r = loadBlueprint(ROLE.replace('name: trainer', 'name: "bad name"'), 'demo.yaml', opts)
    expect(problems(r)).toEqual(['7:11 `bad name` is not a valid role name (1 to 64 of letters, digits and +=,.@_-)'])
  })
})

describe('parameters', () => {
  it('are usage errors when unknown, missing or not matching the pattern', () => {
    expect(() => loadBlueprint(ROLE, 'd', { ...opts, set: { bukket: 'x' } })).toThrow(ParameterError)
    expect(() => loadBlueprint(ROLE.replace('    default: demo-bucket\n', '    description: required\n'), 'd', opts)).toThrow(/has no default: pass --set bucket=VALUE/)
    expect(() => loadBlueprint(builtinText('ec2-training')!, 'd', { ...opts, set: { bucket: 'Not_A_Bucket' } })).toThrow(/must match/)
    expect(() => loadBlueprint(builtinText('ec2-training')!, 'd', { ...opts, set: { create_user: 'yes' } })).toThrow(/takes true or false/)
  })
})

it('renders the shape as JSON Schema', () => {
  const schema = blueprintJsonSchema() as { required: string[]; properties: Record<string, unknown> }
  expect(schema.required).toEqual(['blueprint', 'description'])
  expect(Object.keys(schema.properties)).toContain('service_linked_roles')
})
