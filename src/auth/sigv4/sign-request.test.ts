/**
 * The signing helper and the verifier agree with the AWS SDKs' signers: @smithy/signature-v4
 * (AWS SDK for JavaScript v3) and botocore's SigV4Auth / SigV4QueryAuth (boto3, aws CLI).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 */
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { presignRequest, signRequest } from './sign-request.js'
import type { HeaderValue, SignableRequest } from './types.js'
import { uriEncode } from './uri-encode.js'
import { verifyRequest } from './verify-request.js'

const CREDS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }
const lookup = (id: string) => (id === CREDS.accessKeyId ? { secretAccessKey: CREDS.secretAccessKey } : undefined)
const OPTIONS = { allowedServices: ['iam', 'sts'] }
const DATE = new Date(Date.UTC(2024, 4, 17, 9, 30, 5))

function resolves(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name)
    return true
  } catch {
    return false
  }
}

const hasSmithy = resolves('@smithy/signature-v4') && resolves('@aws-crypto/sha256-js')
const botocoreProbe = spawnSync('python3', ['-c', 'import botocore'], { encoding: 'utf8' })
const hasBotocore = botocoreProbe.status === 0

describe('signRequest', () => {
  const request = {
    method: 'POST',
    path: '/',
    headers: { Host: 'iam.amazonaws.com', 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: 'Action=ListUsers&Version=2010-05-08'
  }

  it('signs what the verifier accepts, with and without a session token', async () => {
    const signed = signRequest(request, CREDS, { region: 'us-east-1', service: 'iam', date: DATE })
    expect(signed.headers['x-amz-date']).toBe('20240517T093005Z')
    expect(signed.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/20240517\/us-east-1\/iam\/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=[0-9a-f]{64}$/)
    expect(await verifyRequest(signed, DATE, OPTIONS, lookup)).toMatchObject({ ok: true, service: 'iam' })

    const withToken = signRequest(request, { ...CREDS, sessionToken: 'FwoGZXIvYXdzE+/token=' }, { region: 'us-east-1', service: 'sts', date: DATE })
    expect(await verifyRequest(withToken, DATE, OPTIONS, lookup)).toMatchObject({ ok: true, securityToken: 'FwoGZXIvYXdzE+/token=' })
  })

  it('presigns what the verifier accepts', async () => {
    const signed = presignRequest({ method: 'GET', path: '/', query: 'Action=GetCallerIdentity&Version=2011-06-15', headers: { host: 'sts.amazonaws.com' } }, { ...CREDS, sessionToken: 'tok/en+=' }, { region: 'us-east-1', service: 'sts', date: DATE, expiresSeconds: 60 })
    expect(signed.query).toContain('X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20240517%2Fus-east-1%2Fsts%2Faws4_request')
    expect(await verifyRequest(signed, new Date(DATE.getTime() + 59_000), OPTIONS, lookup)).toMatchObject({ ok: true, presigned: true, securityToken: 'tok/en+=' })
    expect(await verifyRequest(signed, new Date(DATE.getTime() + 61_000), OPTIONS, lookup)).toMatchObject({ ok: false, code: 'RequestExpired', message: 'Request has expired.' })
  })

  it('refuses to sign without a host header', () => {
    expect(() => signRequest({ method: 'GET', path: '/', headers: {} }, CREDS, { region: 'us-east-1', service: 'iam', date: DATE })).toThrow(/host/)
  })
})

describe.skipIf(!hasSmithy)('agreement with @smithy/signature-v4 (AWS SDK for JavaScript v3)', () => {
  async function smithySigner(service: string, sessionToken?: string) {
    const { SignatureV4 } = await import('@smithy/signature-v4')
    const { Sha256 } = await import('@aws-crypto/sha256-js')
    return new SignatureV4({ service, region: 'us-east-1', sha256: Sha256, credentials: { ...CREDS, ...(sessionToken ? { sessionToken } : {}) } })
  }

  function rawQuery(query: Record<string, string | string[] | null>): string {
    const parts: string[] = []
    for (const [k, v] of Object.entries(query)) for (const one of Array.isArray(v) ? v : [v ?? '']) parts.push(`${uriEncode(k)}=${uriEncode(one)}`)
    return parts.join('&')
  }

  function toSignable(req: { method: string; path: string; query?: Record<string, string | string[] | null>; headers: Record<string, string>; body?: unknown }): SignableRequest {
    const headers: Record<string, HeaderValue> = {}
    for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = v
    return { method: req.method, path: req.path, query: rawQuery(req.query ?? {}), headers, body: Buffer.from(typeof req.body === 'string' ? req.body : '') }
  }

  it('verifies a POST signed by the SDK signer, with a session token', async () => {
    const signer = await smithySigner('sts', 'session-token/with+chars=')
    const body = 'Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo&RoleSessionName=s1&Version=2011-06-15'
    const signed = await signer.sign(
      { method: 'POST', protocol: 'https:', hostname: 'sts.amazonaws.com', path: '/', query: {}, headers: { host: 'sts.amazonaws.com', 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'content-length': String(body.length), 'user-agent': 'aws-sdk-js/3' }, body },
      { signingDate: DATE }
    )
    const result = await verifyRequest(toSignable(signed as never), DATE, OPTIONS, lookup)
    expect(result).toMatchObject({ ok: true, service: 'sts', securityToken: 'session-token/with+chars=' })
  })

  it('verifies a GET with an awkward query, and our signature equals the SDK signer', async () => {
    const signer = await smithySigner('iam')
    const query = { Action: 'ListUsers', Version: '2010-05-08', PathPrefix: '/a b+c/ሴ~*', Marker: ['z', 'a'] }
    const signed = await signer.sign({ method: 'GET', protocol: 'https:', hostname: 'iam.amazonaws.com', path: '/', query, headers: { host: 'iam.amazonaws.com' } }, { signingDate: DATE })
    const signable = toSignable(signed as never)
    expect(await verifyRequest(signable, DATE, OPTIONS, lookup)).toMatchObject({ ok: true })
    const ours = signRequest({ method: 'GET', path: '/', query: signable.query, headers: { host: 'iam.amazonaws.com', 'x-amz-content-sha256': String(signed.headers['x-amz-content-sha256']) } }, CREDS, { region: 'us-east-1', service: 'iam', date: DATE })
    expect(ours.headers.authorization).toBe(signed.headers['authorization'])
  })

  it('verifies an SDK-presigned request', async () => {
    const signer = await smithySigner('sts', 'tok')
    const presigned = await signer.presign({ method: 'GET', protocol: 'https:', hostname: 'sts.amazonaws.com', path: '/', query: { Action: 'GetCallerIdentity', Version: '2011-06-15' }, headers: { host: 'sts.amazonaws.com' } }, { signingDate: DATE, expiresIn: 900 })
    expect(await verifyRequest(toSignable(presigned as never), DATE, OPTIONS, lookup)).toMatchObject({ ok: true, presigned: true, securityToken: 'tok' })
  })
})

/** Signs requests with botocore and prints them as JSON, one object per request. */
const BOTOCORE_SCRIPT = String.raw`
import json, sys
from urllib.parse import urlsplit
from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

creds = json.loads(sys.argv[1])
out = []
def emit(auth, method, url, data=None, headers=None, params=None):
    req = AWSRequest(method=method, url=url, data=data, headers=headers or {}, params=params or {})
    auth.add_auth(req)
    prepared = req.prepare()
    parts = urlsplit(prepared.url)
    hdrs = {k.lower(): v for k, v in prepared.headers.items()}
    hdrs.setdefault('host', parts.netloc)
    body = prepared.body or b''
    if isinstance(body, str): body = body.encode('utf-8')
    out.append({'method': method, 'path': parts.path or '/', 'query': parts.query, 'headers': hdrs, 'body': body.decode('utf-8')})

plain = Credentials(creds['accessKeyId'], creds['secretAccessKey'])
temp = Credentials(creds['accessKeyId'], creds['secretAccessKey'], 'IQoJb3JpZ2luX2VjE+/x==')
form = {'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8'}
emit(SigV4Auth(plain, 'iam', 'us-east-1'), 'POST', 'https://iam.amazonaws.com/', 'Action=ListUsers&Version=2010-05-08', form)
emit(SigV4Auth(temp, 'sts', 'eu-west-1'), 'POST', 'https://sts.eu-west-1.amazonaws.com/', 'Action=GetCallerIdentity&Version=2011-06-15', form)
emit(SigV4Auth(plain, 'iam', 'us-east-1'), 'GET', 'https://iam.amazonaws.com/', None, None, {'Action': 'GetUser', 'UserName': 'a b+c/\u1234', 'Version': '2010-05-08'})
emit(SigV4QueryAuth(temp, 'sts', 'us-east-1', expires=900), 'GET', 'https://sts.amazonaws.com/', None, None, {'Action': 'GetCallerIdentity', 'Version': '2011-06-15'})
print(json.dumps(out))
`

describe.skipIf(!hasBotocore)('agreement with botocore (boto3, aws CLI)', () => {
  it('verifies requests signed by SigV4Auth and SigV4QueryAuth', async () => {
    const run = spawnSync('python3', ['-c', BOTOCORE_SCRIPT, JSON.stringify(CREDS)], { encoding: 'utf8', timeout: 20_000 })
    expect(run.stderr).toBe('')
    const requests = JSON.parse(run.stdout) as { method: string; path: string; query: string; headers: Record<string, string>; body: string }[]
    expect(requests).toHaveLength(4)
    for (const r of requests) {
      const signable: SignableRequest = { method: r.method, path: r.path, query: r.query, headers: r.headers, body: Buffer.from(r.body, 'utf8') }
      const stamp = r.headers['x-amz-date'] ?? /X-Amz-Date=([0-9TZ]+)/.exec(r.query)?.[1]
      const now = new Date(`${stamp!.slice(0, 4)}-${stamp!.slice(4, 6)}-${stamp!.slice(6, 8)}T${stamp!.slice(9, 11)}:${stamp!.slice(11, 13)}:${stamp!.slice(13, 15)}Z`)
      const result = await verifyRequest(signable, now, OPTIONS, lookup)
      expect(result, `${r.method} ${r.path}?${r.query}`).toMatchObject({ ok: true })
      // A signature from botocore must still fail once anything signed changes.
      const tampered = await verifyRequest({ ...signable, body: Buffer.from(r.body + '&x=1') , query: r.method === 'GET' ? r.query + '&x=1' : r.query }, now, OPTIONS, lookup)
      expect(tampered).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' })
    }
    expect(requests[1]!.headers['x-amz-security-token']).toBe('IQoJb3JpZ2luX2VjE+/x==')
  })
})
