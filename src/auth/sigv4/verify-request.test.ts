import { readFileSync } from 'node:fs'
import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { buildSignature } from './build-signature.js'
import { deriveSigningKey, SigningKeyCache } from './get-signing-key.js'
import { getPayloadHash } from './get-payload-hash.js'
import { presignRequest, signRequest, type SignedRequest } from './sign-request.js'
import type { HeaderValue, VerifyOptions } from './types.js'
import { verifyRequest, type VerifierOptions } from './verify-request.js'

interface Case {
  name: string
  doc: string
  sign?: { region?: string; service?: string; unsignedHeaders?: string[]; contentSha256?: boolean; sessionToken?: string; accessKeyId?: string; secretAccessKey?: string }
  mutate?: {
    setHeaders?: Record<string, string | string[] | null>
    body?: string
    method?: string
    path?: string
    query?: string
    authorization?: string
    authReplace?: [string, string]
    authReplaceAll?: boolean
    upperCaseSignature?: boolean
    flipSignature?: boolean
    truncateSignature?: boolean
    nowOffsetSeconds?: number
    options?: Partial<VerifyOptions>
  }
  expect: { ok: boolean; code?: string; status?: number; message?: string; messageContains?: string; securityToken?: string }
}

const cases = JSON.parse(readFileSync(new URL('./verify-request.cases.json', import.meta.url), 'utf8')) as Case[]

const CREDS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }
const DATE = new Date(Date.UTC(2024, 4, 17, 9, 30, 5))
const BODY = 'Action=ListUsers&Version=2010-05-08'
const lookup = (id: string) => (id === CREDS.accessKeyId ? { secretAccessKey: CREDS.secretAccessKey } : undefined)
const baseOptions: VerifierOptions = { allowedServices: ['iam', 'sts'] }

function signBase(sign: Case['sign'] = {}): SignedRequest {
  const headers: Record<string, string> = { host: 'iam.amazonaws.com', 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }
  if (sign.contentSha256) headers['x-amz-content-sha256'] = getPayloadHash(Buffer.from(BODY))
  const creds = { accessKeyId: sign.accessKeyId ?? CREDS.accessKeyId, secretAccessKey: sign.secretAccessKey ?? CREDS.secretAccessKey, ...(sign.sessionToken ? { sessionToken: sign.sessionToken } : {}) }
  return signRequest({ method: 'POST', path: '/', headers, body: BODY }, creds, { region: sign.region ?? 'us-east-1', service: sign.service ?? 'iam', date: DATE, unsignedHeaders: sign.unsignedHeaders ?? [] })
}

function withSignature(auth: string, edit: (signature: string) => string): string {
  const at = auth.lastIndexOf('Signature=') + 'Signature='.length
  return auth.slice(0, at) + edit(auth.slice(at))
}

describe('verifyRequest: data-driven cases', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const request = signBase(c.sign)
    const m = c.mutate ?? {}
    const headers: Record<string, HeaderValue> = { ...request.headers }
    for (const [name, value] of Object.entries(m.setHeaders ?? {})) {
      if (value === null) delete headers[name]
      else headers[name] = value
    }
    let auth = headers.authorization as string | undefined
    if (auth !== undefined) {
      if (m.authorization !== undefined) auth = m.authorization
      if (m.authReplace) auth = m.authReplaceAll ? auth.replaceAll(m.authReplace[0], m.authReplace[1]) : auth.replace(m.authReplace[0], m.authReplace[1])
      if (m.upperCaseSignature) auth = withSignature(auth, (s) => s.toUpperCase())
      if (m.flipSignature) auth = withSignature(auth, (s) => (s[0] === 'a' ? 'b' : 'a') + s.slice(1))
      if (m.truncateSignature) auth = withSignature(auth, (s) => s.slice(0, 40))
      headers.authorization = auth
    }
    const mutated = {
      method: m.method ?? request.method,
      path: m.path ?? request.path,
      query: m.query ?? request.query,
      headers,
      body: m.body !== undefined ? Buffer.from(m.body) : request.body
    }
    const now = new Date(DATE.getTime() + (m.nowOffsetSeconds ?? 0) * 1000)
    const result = await verifyRequest(mutated, now, { ...baseOptions, ...m.options }, lookup)
    const { messageContains, ...expected } = c.expect
    expect(result).toMatchObject(expected)
    if (messageContains !== undefined) expect(result.ok ? '' : result.message).toContain(messageContains)
    expect(c.doc).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//)
  })
})

describe('verifyRequest', () => {
  it('returns what the server needs on success', async () => {
    const result = await verifyRequest(signBase(), DATE, baseOptions, lookup)
    expect(result).toEqual({ ok: true, accessKeyId: CREDS.accessKeyId, region: 'us-east-1', service: 'iam', date: DATE, signedHeaders: ['content-type', 'host', 'x-amz-date'], presigned: false })
  })

  it('takes the date from the Date header when X-Amz-Date is absent', async () => {
    const scope = { date: '20240517', region: 'us-east-1', service: 'sts' }
    const request = { method: 'POST', path: '/', query: '', headers: { host: 'sts.amazonaws.com', date: 'Fri, 17 May 2024 09:30:05 GMT' } as Record<string, HeaderValue>, body: Buffer.from(BODY) }
    const { signature } = buildSignature({ request, signedHeaders: ['date', 'host'], amzDate: '20240517T093005Z', scope, signingKey: deriveSigningKey(CREDS.secretAccessKey, scope), presigned: false })
    request.headers.authorization = `AWS4-HMAC-SHA256 Credential=${CREDS.accessKeyId}/20240517/us-east-1/sts/aws4_request, SignedHeaders=date;host, Signature=${signature}`
    expect(await verifyRequest(request, DATE, baseOptions, lookup)).toMatchObject({ ok: true, service: 'sts', date: DATE })
    request.headers.date = 'not a date'
    expect(await verifyRequest(request, DATE, baseOptions, lookup)).toMatchObject({ ok: false, code: 'IncompleteSignature', message: "Date must be in ISO-8601 'basic format'. Got 'not a date'. See http://en.wikipedia.org/wiki/ISO_8601" })
  })

  it('does not look the key up before the cheap checks pass', async () => {
    let calls = 0
    const counting = (id: string) => {
      calls++
      return lookup(id)
    }
    await verifyRequest(signBase({ service: 's3' }), DATE, baseOptions, counting)
    await verifyRequest(signBase(), new Date(DATE.getTime() + 3_600_000), baseOptions, counting)
    expect(calls).toBe(0)
    await verifyRequest(signBase(), DATE, baseOptions, counting)
    expect(calls).toBe(1)
  })

  it('propagates a failing key lookup (a server fault, not bad input)', async () => {
    await expect(verifyRequest(signBase(), DATE, baseOptions, () => Promise.reject(new Error('store down')))).rejects.toThrow('store down')
  })

  it('fills the signing-key cache it is given, once per scope', async () => {
    const cache = new SigningKeyCache(2)
    await verifyRequest(signBase(), DATE, { ...baseOptions, signingKeyCache: cache }, lookup)
    await verifyRequest(signBase(), DATE, { ...baseOptions, signingKeyCache: cache }, lookup)
    expect(cache.size).toBe(1)
  })
})

describe('verifyRequest: presigned requests', () => {
  const base = { method: 'GET', path: '/', query: 'Action=GetCallerIdentity&Version=2011-06-15', headers: { host: 'sts.amazonaws.com' } }
  const presign = (expiresSeconds = 900) => presignRequest(base, CREDS, { region: 'us-east-1', service: 'sts', date: DATE, expiresSeconds })
  const withQuery = (request: SignedRequest, edit: (q: string) => string) => ({ ...request, query: edit(request.query) })

  it('verifies within X-Amz-Expires and reports RequestExpired after it', async () => {
    const request = presign(900)
    expect(await verifyRequest(request, new Date(DATE.getTime() + 899_000), baseOptions, lookup)).toMatchObject({ ok: true, presigned: true, service: 'sts' })
    expect(await verifyRequest(request, new Date(DATE.getTime() + 901_000), baseOptions, lookup)).toEqual({ ok: false, code: 'RequestExpired', message: 'Request has expired.', status: 400 })
  })

  it('is not valid before its date beyond the clock skew', async () => {
    expect(await verifyRequest(presign(), new Date(DATE.getTime() - 301_000), baseOptions, lookup)).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch', message: expect.stringMatching(/^Signature not yet current: 20240517T093005Z/) })
  })

  it('lists every missing parameter', async () => {
    const request = { ...presign(), query: 'X-Amz-Algorithm=AWS4-HMAC-SHA256&Action=GetCallerIdentity' }
    expect(await verifyRequest(request, DATE, baseOptions, lookup)).toEqual({
      ok: false,
      code: 'IncompleteSignature',
      status: 400,
      message: "AWS query-string parameters must include 'X-Amz-Credential'. AWS query-string parameters must include 'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-SignedHeaders'. AWS query-string parameters must include 'X-Amz-Date'. Re-examine the query-string parameters."
    })
  })

  it('treats another algorithm as no authentication', async () => {
    const request = withQuery(presign(), (q) => q.replace('X-Amz-Algorithm=AWS4-HMAC-SHA256', 'X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256'))
    expect(await verifyRequest(request, DATE, baseOptions, lookup)).toMatchObject({ ok: false, code: 'MissingAuthenticationToken' })
  })

  it.each([
    ['abc', 'X-Amz-Expires should be a number'],
    ['-5', 'X-Amz-Expires must be non-negative'],
    ['604801', 'X-Amz-Expires must be less than a week (in seconds) that is 604800']
  ])('rejects X-Amz-Expires=%s', async (value, message) => {
    const request = withQuery(presign(), (q) => q.replace('X-Amz-Expires=900', `X-Amz-Expires=${value}`))
    expect(await verifyRequest(request, DATE, baseOptions, lookup)).toEqual({ ok: false, code: 'AuthorizationQueryParametersError', message, status: 400 })
  })

  it('fails when a signed query parameter changes, or X-Amz-Expires is stretched', async () => {
    const changed = withQuery(presign(), (q) => q.replace('GetCallerIdentity', 'GetSessionToken'))
    expect(await verifyRequest(changed, DATE, baseOptions, lookup)).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' })
    const stretched = withQuery(presign(60), (q) => q.replace('X-Amz-Expires=60', 'X-Amz-Expires=3600'))
    expect(await verifyRequest(stretched, new Date(DATE.getTime() + 120_000), baseOptions, lookup)).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' })
  })
})

describe('SigningKeyCache', () => {
  const scope = (date: string) => ({ date, region: 'us-east-1', service: 'iam' })

  it("derives AWS's documented example signing key", () => {
    // https://docs.aws.amazon.com/general/latest/gr/signature-v4-examples.html (the example derived key)
    expect(deriveSigningKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', scope('20120215')).toString('hex')).toBe('f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d')
  })

  it('is bounded, evicts the least recently used, and never shows its contents', () => {
    const cache = new SigningKeyCache(2)
    const a = cache.get('secret-a', scope('20240101'))
    cache.get('secret-b', scope('20240101'))
    expect(cache.get('secret-a', scope('20240101'))).toBe(a)
    cache.get('secret-c', scope('20240101'))
    expect(cache.size).toBe(2)
    expect(cache.get('secret-a', scope('20240101'))).toBe(a)
    expect(inspect(cache)).toBe('SigningKeyCache { size: 2 }')
    expect(JSON.stringify(cache)).toBe('{"size":2}')
    expect(inspect(cache, { showHidden: true, depth: 5 })).not.toContain('secret')
  })
})
