/**
 * Bad input through a running server: malformed forms, values that do not fit their
 * model types, garbage authentication. Each gets an AWS error (4xx, ErrorResponse XML with
 * a Code and a Message), never a 500, and changes nothing.
 */
import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { presignRequest, signRequest } from '../../src/auth/sigv4/index.js'
import { prng } from '../helpers/prng.js'
import { startWarden, TEST_ROOT, type RunningWarden } from '../helpers/warden.js'

let w: RunningWarden
let host: string
beforeAll(async () => {
  w = await startWarden()
  host = new URL(w.endpoint).host
})
afterAll(() => w.stop())

const xml = new XMLParser()
const FORM = 'application/x-www-form-urlencoded; charset=utf-8'
const trust = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }))

/** POSTs `body` signed with the root keys for `service`. */
async function signedPost(body: string, service: 'iam' | 'sts' = 'iam', headers: Record<string, string> = {}): Promise<Response> {
  const signed = signRequest({ method: 'POST', path: '/', headers: { host, 'content-type': FORM, ...headers }, body }, TEST_ROOT, { region: 'us-east-1', service, date: new Date() })
  const { host: _host, ...rest } = signed.headers as Record<string, string>
  return fetch(w.endpoint, { method: 'POST', headers: rest, body })
}

interface AwsErrorBody { code: string; message: string; status: number }

/** Asserts the response is an AWS error document and returns its code and message. */
async function awsErrorOf(res: Response): Promise<AwsErrorBody> {
  const text = await res.text()
  expect(res.status, text).toBeGreaterThanOrEqual(400)
  expect(res.status, text).toBeLessThan(500)
  const doc = xml.parse(text) as { ErrorResponse?: { Error?: { Code?: string; Message?: string; Type?: string }; RequestId?: string } }
  const err = doc.ErrorResponse?.Error
  expect(err?.Code, text).toBeTruthy()
  expect(err?.Message, text).toBeTruthy()
  expect(doc.ErrorResponse?.RequestId, text).toBeTruthy()
  return { code: String(err!.Code), message: String(err!.Message), status: res.status }
}

/** Everything a bad request could have changed, in one comparable string. */
async function state(): Promise<string> {
  const iam = w.iam()
  const { ListRolesCommand, ListUsersCommand, ListPoliciesCommand } = await import('@aws-sdk/client-iam')
  const roles = await iam.send(new ListRolesCommand({}))
  const users = await iam.send(new ListUsersCommand({}))
  const policies = await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))
  return JSON.stringify([roles.Roles?.map((r) => [r.RoleName, r.AssumeRolePolicyDocument, r.MaxSessionDuration, r.Description]), users.Users?.map((u) => u.UserName), policies.Policies?.map((p) => [p.PolicyName, p.DefaultVersionId])])
}

describe('malformed forms and values', () => {
  const cases: [string, string, string, RegExp?][] = [
    ['no Action', 'Version=2010-05-08&RoleName=x', 'MissingAction'],
    ['unknown Action', 'Action=CreateRoles&Version=2010-05-08', 'InvalidAction'],
    ['missing required member', 'Action=CreateRole&Version=2010-05-08&RoleName=x', 'ValidationError', /assumeRolePolicyDocument/],
    ['name too long', `Action=CreateRole&Version=2010-05-08&RoleName=${'a'.repeat(65)}&AssumeRolePolicyDocument=${trust}`, 'ValidationError', /roleName/],
    ['name pattern', `Action=CreateRole&Version=2010-05-08&RoleName=bad%20name&AssumeRolePolicyDocument=${trust}`, 'ValidationError', /roleName/],
    ['integer not a number', `Action=CreateRole&Version=2010-05-08&RoleName=x&MaxSessionDuration=abc&AssumeRolePolicyDocument=${trust}`, 'ValidationError'],
    ['integer out of range', `Action=CreateRole&Version=2010-05-08&RoleName=x&MaxSessionDuration=99999999999999999999&AssumeRolePolicyDocument=${trust}`, 'ValidationError'],
    ['integer below the model minimum', `Action=CreateRole&Version=2010-05-08&RoleName=x&MaxSessionDuration=1&AssumeRolePolicyDocument=${trust}`, 'ValidationError', /maxSessionDuration/],
    ['policy not JSON', 'Action=CreateRole&Version=2010-05-08&RoleName=x&AssumeRolePolicyDocument=%7Bnot%20json', 'MalformedPolicyDocument'],
    ['broken percent-encoding', `Action=CreateRole&Version=2010-05-08&RoleName=x%ZZ&AssumeRolePolicyDocument=${trust}`, 'ValidationError'],
    ['tag without key', `Action=CreateRole&Version=2010-05-08&RoleName=x&AssumeRolePolicyDocument=${trust}&Tags.member.1.Value=b`, 'ValidationError'],
    ['boolean not a boolean', 'Action=ListPolicies&Version=2010-05-08&OnlyAttached=maybe', 'ValidationError'],
    ['enum value unknown', 'Action=ListPolicies&Version=2010-05-08&Scope=Everything', 'ValidationError', /scope/],
    ['MaxItems zero', 'Action=ListRoles&Version=2010-05-08&MaxItems=0', 'ValidationError', /maxItems/],
    ['marker forged', 'Action=ListRoles&Version=2010-05-08&Marker=not-a-marker', 'InvalidInput'],
    ['policy ARN malformed', 'Action=GetPolicy&Version=2010-05-08&PolicyArn=arn:aws:iam::policy', 'ValidationError|InvalidInput'],
    ['STS duration not a number', 'Action=AssumeRole&Version=2011-06-15&RoleArn=arn:aws:iam::123456789012:role/x&RoleSessionName=s&DurationSeconds=1e3', 'ValidationError']
  ]
  it.each(cases)('%s', async (_label, body, code, message) => {
    const before = await state()
    const service = body.includes('2011-06-15') ? 'sts' : 'iam'
    const err = await awsErrorOf(await signedPost(body, service))
    expect(err.code).toMatch(new RegExp(`^(${code})$`))
    if (message) expect(err.message).toMatch(message)
    expect(await state()).toBe(before)
  })

  it('list members numbered 0 or not at all are parameters it does not know, ignored as AWS ignores them', async () => {
    const { GetRoleCommand, DeleteRoleCommand } = await import('@aws-sdk/client-iam')
    for (const [name, extra] of [['idx0', '&Tags.member.0.Key=a&Tags.member.0.Value=b'], ['idxx', '&Tags.member.x.Key=a']]) {
      const res = await signedPost(`Action=CreateRole&Version=2010-05-08&RoleName=${name}&AssumeRolePolicyDocument=${trust}${extra}`)
      expect(res.status, await res.text()).toBe(200)
      const role = (await w.iam().send(new GetRoleCommand({ RoleName: name }))).Role!
      expect(role.Tags ?? []).toEqual([])
      await w.iam().send(new DeleteRoleCommand({ RoleName: name }))
    }
  })

  it('a wrong Version, an empty body and a body of NUL bytes are refused', async () => {
    for (const body of ['Action=ListRoles&Version=1999-01-01', '', '\u0000'.repeat(64)]) {
      const err = await awsErrorOf(await signedPost(body))
      expect(err.code, body).toBeTruthy()
    }
  })

  it('random forms never produce a 500 or a malformed answer', async () => {
    const rand = prng(20261130)
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!
    const actions = ['CreateRole', 'GetRole', 'ListRoles', 'PutRolePolicy', 'CreatePolicy', 'TagRole', 'AttachRolePolicy', 'UpdateAssumeRolePolicy', 'CreateUser', 'ListPolicies', 'SimulateCustomPolicy', 'Nope']
    const keys = ['RoleName', 'PolicyName', 'PolicyDocument', 'AssumeRolePolicyDocument', 'MaxItems', 'Marker', 'PolicyArn', 'Tags.member.1.Key', 'Tags.member.1.Value', 'Tags.member.2.Key', 'Path', 'MaxSessionDuration', 'Scope', 'UserName', 'X']
    const values = ['', 'x', '%', '%00', '%E2%82', '-1', '0', '1001', '/a/', '//', 'a'.repeat(300), '%7B%7D', '%5B%5D', '%7B%22Version%22%3A%222012-10-17%22%7D', 'arn:aws:iam::aws:policy/ReadOnlyAccess', 'true', '\u{1F600}', '..', 'null']
    for (let i = 0; i < 150; i++) {
      const params = [`Action=${pick(actions)}`, 'Version=2010-05-08']
      const n = Math.floor(rand() * 6)
      for (let k = 0; k < n; k++) params.push(`${pick(keys)}=${pick(values)}`)
      const body = params.join('&')
      const res = await signedPost(body)
      const text = await res.text()
      expect(res.status, `${body}\n${text}`).toBeLessThan(500)
      const doc = xml.parse(text) as Record<string, unknown>
      expect(Object.keys(doc).some((k) => k === 'ErrorResponse' || k.endsWith('Response')), `${body}\n${text}`).toBe(true)
    }
    expect((await fetch(`${w.endpoint}/health`)).status).toBe(200)
  })
})

describe('garbage authentication', () => {
  const body = `Action=CreateRole&Version=2010-05-08&RoleName=never&AssumeRolePolicyDocument=${trust}`

  /** A validly signed request's headers, to break one piece at a time. */
  function signedHeaders(date = new Date()): Record<string, string> {
    const signed = signRequest({ method: 'POST', path: '/', headers: { host, 'content-type': FORM }, body }, TEST_ROOT, { region: 'us-east-1', service: 'iam', date })
    const { host: _host, ...rest } = signed.headers as Record<string, string>
    return rest
  }
  const send = (headers: Record<string, string>, url = w.endpoint) => fetch(url, { method: 'POST', headers, body })

  const cases: [string, () => Record<string, string>, string][] = [
    ['no credentials at all', () => ({ 'content-type': FORM }), 'MissingAuthenticationToken'],
    ['not SigV4', () => ({ ...signedHeaders(), authorization: 'Basic dXNlcjpwYXNz' }), 'IncompleteSignature|MissingAuthenticationToken'],
    ['SigV4 with nothing after it', () => ({ ...signedHeaders(), authorization: 'AWS4-HMAC-SHA256' }), 'IncompleteSignature'],
    ['no Signature', () => ({ ...signedHeaders(), authorization: signedHeaders().authorization!.replace(/, Signature=.*/, '') }), 'IncompleteSignature'],
    ['Credential with too few parts', () => ({ ...signedHeaders(), authorization: signedHeaders().authorization!.replace(/Credential=[^,]*/, `Credential=${TEST_ROOT.accessKeyId}/20261130/iam`) }), 'IncompleteSignature'],
    ['service not iam or sts', () => ({ ...signedHeaders(), authorization: signedHeaders().authorization!.replace('/iam/aws4_request', '/s3/aws4_request') }), 'SignatureDoesNotMatch|InvalidClientTokenId|IncompleteSignature'],
    ['host not signed', () => ({ ...signedHeaders(), authorization: signedHeaders().authorization!.replace(/SignedHeaders=[^,]*/, 'SignedHeaders=content-type;x-amz-date') }), 'SignatureDoesNotMatch|IncompleteSignature'],
    ['signature of the wrong length', () => ({ ...signedHeaders(), authorization: signedHeaders().authorization!.replace(/Signature=.*/, 'Signature=abc') }), 'SignatureDoesNotMatch|IncompleteSignature'],
    ['X-Amz-Date garbage', () => ({ ...signedHeaders(), 'x-amz-date': '2026-13-45T99:99:99Z' }), 'IncompleteSignature|SignatureDoesNotMatch'],
    ['X-Amz-Date an hour old', () => signedHeaders(new Date(Date.now() - 3_600_000)), 'SignatureDoesNotMatch|RequestExpired'],
    ['unknown access key', () => ({ ...signedHeaders(), authorization: signedHeaders().authorization!.replace(TEST_ROOT.accessKeyId, 'AKIAUNKNOWNKEY000000') }), 'InvalidClientTokenId'],
    ['session token sent with long-term keys', () => ({ ...signedHeaders(), 'x-amz-security-token': 'garbage' }), 'InvalidClientTokenId|SignatureDoesNotMatch'],
    ['60 KB of header (over the HTTP parser limit)', () => ({ ...signedHeaders(), authorization: 'AWS4-HMAC-SHA256 ' + 'x'.repeat(60_000) }), 'RequestHeaderSectionTooLarge'],
    ['10 KB of header', () => ({ ...signedHeaders(), authorization: 'AWS4-HMAC-SHA256 ' + 'x'.repeat(10_000) }), 'IncompleteSignature']
  ]
  it.each(cases)('%s', async (_label, headers, code) => {
    const before = await state()
    const err = await awsErrorOf(await send(headers()))
    expect(err.code).toMatch(new RegExp(`^(${code})$`))
    expect(await state()).toBe(before)
  })

  it('presigned URLs: expired, tampered and with a bad X-Amz-Expires are refused', async () => {
    const url = new URL(`${w.endpoint}/?Action=ListRoles&Version=2010-05-08`)
    const presign = (date: Date, expires: number) => presignRequest({ method: 'GET', path: '/', query: url.search.slice(1), headers: { host } }, TEST_ROOT, { region: 'us-east-1', service: 'iam', date, expiresSeconds: expires })
    const ok = presign(new Date(), 60)
    expect((await fetch(`${w.endpoint}/?${ok.query}`)).status).toBe(200)
    const expired = presign(new Date(Date.now() - 120_000), 60)
    expect((await awsErrorOf(await fetch(`${w.endpoint}/?${expired.query}`))).code).toMatch(/^(RequestExpired|AccessDenied)$/)
    const tampered = ok.query!.replace('ListRoles', 'ListUsers')
    expect((await awsErrorOf(await fetch(`${w.endpoint}/?${tampered}`))).code).toBe('SignatureDoesNotMatch')
    const badExpiry = ok.query!.replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=abc')
    expect((await awsErrorOf(await fetch(`${w.endpoint}/?${badExpiry}`))).code).toMatch(/^(AuthorizationQueryParametersError|IncompleteSignature|SignatureDoesNotMatch)$/)
  })
})
