/**
 * AWS's published SigV4 test suite (testdata/aws4_testsuite, Apache-2.0, see its NOTICE):
 * for every vector, our canonical request, string to sign and Authorization header must
 * equal AWS's, and the signed request (.sreq) must verify.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { buildSignature } from './build-signature.js'
import { deriveSigningKey } from './get-signing-key.js'
import type { HeaderValue, SignableRequest } from './types.js'
import { verifyRequest } from './verify-request.js'

const SUITE = join(dirname(fileURLToPath(import.meta.url)), 'testdata', 'aws4_testsuite')
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
const SCOPE = { date: '20150830', region: 'us-east-1', service: 'service' }
const NOW = new Date(Date.UTC(2015, 7, 30, 12, 36, 0))

/** Parses a raw HTTP/1.1 request file; folded header lines continue the previous value. */
function parseHttpFile(text: string): SignableRequest {
  const lines = text.split('\n')
  const requestLine = lines[0]!
  const target = requestLine.slice(requestLine.indexOf(' ') + 1, requestLine.lastIndexOf(' '))
  const q = target.indexOf('?')
  const headers: Record<string, string[]> = {}
  let last: string[] | undefined
  let i = 1
  for (; i < lines.length && lines[i] !== ''; i++) {
    const line = lines[i]!
    if ((line.startsWith(' ') || line.startsWith('\t')) && last) {
      last[last.length - 1] += '\n' + line
      continue
    }
    const colon = line.indexOf(':')
    const name = line.slice(0, colon).toLowerCase()
    last = headers[name] ??= []
    last.push(line.slice(colon + 1))
  }
  const flat: Record<string, HeaderValue> = {}
  for (const [name, values] of Object.entries(headers)) flat[name] = values.length === 1 ? values[0]! : values
  return {
    method: requestLine.slice(0, requestLine.indexOf(' ')),
    path: q === -1 ? target : target.slice(0, q),
    query: q === -1 ? '' : target.slice(q + 1),
    headers: flat,
    body: Buffer.from(lines.slice(i + 1).join('\n'), 'utf8')
  }
}

function findVectors(dir: string): string[] {
  const found: string[] = []
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) found.push(...findVectors(path))
    else if (entry.endsWith('.req')) found.push(path.slice(0, -'.req'.length))
  }
  return found.sort()
}

const vectors = findVectors(SUITE)

describe('AWS SigV4 test suite', () => {
  it('finds every vector', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(33)
  })

  it.each(vectors.map((v) => [v.slice(SUITE.length + 1), v]))('%s', async (_name, base) => {
    const request = parseHttpFile(readFileSync(`${base}.req`, 'utf8'))
    const creq = readFileSync(`${base}.creq`, 'utf8')
    // get-vanilla-with-session-token leaves the token out of its .req: the signer adds it, as botocore's runner does.
    const token = /^x-amz-security-token:(.*)$/m.exec(creq)?.[1]
    if (token !== undefined && request.headers['x-amz-security-token'] === undefined) request.headers = { ...request.headers, 'x-amz-security-token': token }
    const sts = readFileSync(`${base}.sts`, 'utf8')
    const authz = readFileSync(`${base}.authz`, 'utf8')
    const signedHeaders = creq.split('\n').at(-2)!.split(';')
    const steps = buildSignature({ request, signedHeaders, amzDate: '20150830T123600Z', scope: SCOPE, signingKey: deriveSigningKey(SECRET, SCOPE), presigned: false })
    expect(steps.canonicalRequest).toBe(creq)
    expect(steps.stringToSign).toBe(sts)
    expect(`AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=${signedHeaders.join(';')}, Signature=${steps.signature}`).toBe(authz)

    // That vector's .sreq also carries get-vanilla's signature (an upstream slip); .authz is authoritative.
    const signed = parseHttpFile(readFileSync(`${base}.sreq`, 'utf8'))
    signed.headers = { ...signed.headers, authorization: authz }
    const result = await verifyRequest(signed, NOW, { allowedServices: ['service'] }, (id) => (id === 'AKIDEXAMPLE' ? { secretAccessKey: SECRET } : undefined))
    expect(result).toMatchObject({ ok: true, accessKeyId: 'AKIDEXAMPLE', region: 'us-east-1', service: 'service' })
    if (signed.headers['x-amz-security-token'] !== undefined) expect(result).toMatchObject({ securityToken: signed.headers['x-amz-security-token'] })
  })
})
