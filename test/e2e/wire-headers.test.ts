/**
 * Headers as they arrive on the wire, through a real socket: SigV4 signs every value of a
 * header sent more than once (joined with commas), so the server must see each value, not
 * the one string Node makes of repeats (values joined with ', ', or all but the first dropped).
 */
import { request } from 'node:http'
import { describe, expect, it } from 'vitest'
import { signRequest } from '../../src/auth/sigv4/index.js'
import { TEST_ROOT } from '../helpers/warden.js'
import { useWarden } from '../helpers/use-warden.js'

const w = useWarden({ resetEachTest: false })
const BODY = 'Action=GetCallerIdentity&Version=2011-06-15'

/** POSTs GetCallerIdentity with `x-amz-meta-run` sent as the given header lines, signed as `signedValue`. */
function post(lines: string[], signedValue: string): Promise<{ status: number; body: string }> {
  const url = new URL(w.endpoint)
  const signed = signRequest(
    { method: 'POST', path: '/', headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded', 'x-amz-meta-run': signedValue }, body: BODY },
    TEST_ROOT,
    { region: 'us-east-1', service: 'sts', date: new Date() }
  )
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: 'POST', path: '/' }, (res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c.toString('utf8')))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    for (const [k, v] of Object.entries(signed.headers)) if (k !== 'x-amz-meta-run') req.setHeader(k, String(v))
    // An array is written as one header line per value.
    req.setHeader('x-amz-meta-run', lines)
    req.on('error', reject)
    req.end(BODY)
  })
}

describe('headers on the wire', () => {
  it('a signed header sent twice verifies as its values joined with a comma', async () => {
    const ok = await post(['a', 'b'], 'a,b')
    expect(ok.status, ok.body).toBe(200)
    expect(ok.body).toContain('<Arn>arn:aws:iam::')
  })

  it('a repeat the client did not sign, or a value it did not send, fails the signature', async () => {
    for (const [lines, signedAs] of [[['a', 'b'], 'a'], [['a'], 'a,b'], [['a', 'b'], 'a, b']] as const) {
      const res = await post([...lines], signedAs)
      expect(res.status, res.body).toBe(403)
      expect(res.body).toContain('<Code>SignatureDoesNotMatch</Code>')
    }
  })

  it('a header sent once is signed as sent', async () => {
    const res = await post(['x  y'], 'x y')
    expect(res.status, res.body).toBe(200)
  })
})
