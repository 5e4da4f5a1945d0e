/**
 * Warden's XML read back by botocore's QueryParser with each operation's output shape:
 * the proof that the CLI and boto3 accept the responses and the error documents.
 */
import { describe, expect, it } from 'vitest'
import cases from './botocore-responses.cases.json' with { type: 'json' }
import { encodeResponse } from './encode-response.js'
import { awsError } from './errors.js'
import { serviceModel, shapeOf } from './model.js'
import type { ServiceModel } from './model-types.js'
import { renderError } from './render-error.js'
import { botocoreParse, type ParseCase } from './testdata/botocore.js'

interface Case {
  name: string
  doc: string
  service: 'iam' | 'sts'
  operation: string
  output: Record<string, unknown> | null
}

/** `value` with every timestamp member replaced by `fn(it)`, found through the model. */
function mapTimestamps(model: ServiceModel, shapeName: string, value: unknown, fn: (v: string) => unknown): unknown {
  const shape = shapeOf(model, shapeName)
  if (value === null || value === undefined) return value
  switch (shape.type) {
    case 'timestamp':
      return fn(value as string)
    case 'structure':
      return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, mapTimestamps(model, shape.members[k]!.shape, v, fn)]))
    case 'list':
      return (value as unknown[]).map((v) => mapTimestamps(model, shape.member, v, fn))
    case 'map':
      return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, mapTimestamps(model, shape.value, v, fn)]))
    default:
      return value
  }
}

const all = cases as Case[]
const requestId = (i: number): string => `c0ffee00-0000-4000-8000-${String(i).padStart(12, '0')}`

const successes: ParseCase[] = all.map((c, i) => {
  const op = serviceModel(c.service).operations[c.operation]!
  const output = c.output === null ? undefined : (mapTimestamps(serviceModel(c.service), op.output!, c.output, (v) => new Date(v)) as Record<string, unknown>)
  return { service: c.service, operation: c.operation, status: 200, xml: encodeResponse(c.service, c.operation, output, requestId(i)) }
})

const errorCases = [
  { service: 'iam' as const, operation: 'GetRole', error: awsError('NoSuchEntity', 'The role with name <Nope & "co"> cannot be found.') },
  { service: 'iam' as const, operation: 'CreateRole', error: awsError('ValidationError', "1 validation error detected: Value 'a b' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+") },
  { service: 'sts' as const, operation: 'AssumeRole', error: awsError('AccessDenied', 'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/Trainer') },
  { service: 'iam' as const, operation: 'ListRoles', error: awsError('InternalFailure', 'boom') }
]
const failures: ParseCase[] = errorCases.map((c, i) => {
  const rendered = renderError(c.error, requestId(100 + i), c.service)
  return { service: c.service, operation: c.operation, status: rendered.status, xml: rendered.body }
})

const parsed = botocoreParse([...successes, ...failures])

describe('responses parsed by botocore', () => {
  it.each(all.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
    const { ResponseMetadata, ...rest } = parsed[i]!
    expect(ResponseMetadata).toMatchObject({ RequestId: requestId(i) })
    const op = serviceModel(c.service).operations[c.operation]!
    const expected = c.output === null ? {} : mapTimestamps(serviceModel(c.service), op.output!, c.output, (v) => Date.parse(v))
    expect(rest).toEqual(expected)
  })

  it('wraps results and namespaces as IAM and STS do', () => {
    expect(successes[0]!.xml.startsWith('<CreateRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><CreateRoleResult><Role><Path>/ml/</Path>')).toBe(true)
    const sts = successes.find((s) => s.operation === 'GetCallerIdentity')!.xml
    expect(sts.startsWith('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>')).toBe(true)
    expect(successes.find((s) => s.operation === 'DeleteRole')!.xml).toMatch(
      /^<DeleteRoleResponse xmlns="[^"]+"><ResponseMetadata><RequestId>[^<]+<\/RequestId><\/ResponseMetadata><\/DeleteRoleResponse>$/
    )
  })

  it.each(errorCases.map((c, i) => [c.error.code, c, i] as const))('error %s reaches botocore with code, message and type', (_code, c, i) => {
    const result = parsed[successes.length + i]!
    expect(result['Error']).toEqual({ Type: c.error.type, Code: c.error.code, Message: c.error.message })
    expect(result['ResponseMetadata']).toMatchObject({ RequestId: requestId(100 + i), HTTPStatusCode: c.error.status })
    expect(failures[i]!.status).toBe(c.error.status)
  })
})
