/**
 * A throwaway OpenID Connect issuer for tests: serves `<url>/.well-known/openid-configuration`
 * and its JWKS on 127.0.0.1 (node:http), with RSA and P-256 keys made by node:crypto, and
 * signs ID tokens. Keys can be rotated, and the JWKS endpoint made to fail.
 */
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export type TestAlg = 'RS256' | 'ES256'

interface SigningKey {
  kid: string
  alg: TestAlg
  privateKey: KeyObject
  publicJwk: Record<string, unknown>
}

export interface TestIssuer {
  /** The issuer URL (`http://127.0.0.1:PORT/PATH`), the `iss` of its tokens. */
  url: string
  /** The provider name IAM derives from the URL (`127.0.0.1:PORT/PATH`). */
  name: string
  /** A signed ID token with these claims (iss defaults to the issuer, iat/exp to now and now + 5 min). */
  token(claims: Record<string, unknown>, options?: { alg?: TestAlg; kid?: string; key?: SigningKey; header?: Record<string, unknown> }): string
  /** A key pair the issuer does not publish (for forged tokens). */
  strangerKey(alg?: TestAlg): SigningKey
  /** Replaces the published keys with new ones (new kids). */
  rotate(): void
  /** Makes the JWKS endpoint answer with this HTTP status (undefined: serve normally). */
  failJwks(status: number | undefined): void
  /** How many times each path was fetched. */
  hits: Map<string, number>
  close(): Promise<void>
}

function makeKey(alg: TestAlg): SigningKey {
  const pair = alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const kid = randomUUID()
  return { kid, alg, privateKey: pair.privateKey, publicJwk: { ...pair.publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' } }
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')

/** Signs a JWT with a key (RS256: PKCS#1 v1.5; ES256: r || s). */
export function signJwt(key: SigningKey, payload: Record<string, unknown>, header: Record<string, unknown> = {}): string {
  const input = `${b64({ alg: key.alg, typ: 'JWT', kid: key.kid, ...header })}.${b64(payload)}`
  const signature = key.alg === 'RS256'
    ? sign('sha256', Buffer.from(input), key.privateKey)
    : sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' })
  return `${input}.${signature.toString('base64url')}`
}

/** Starts an issuer on 127.0.0.1 at an ephemeral port, under `path` (default `/oidc`). */
export async function startIssuer(path = '/oidc'): Promise<TestIssuer> {
  let keys = [makeKey('RS256'), makeKey('ES256')]
  let jwksStatus: number | undefined
  const hits = new Map<string, number>()
  let url = ''
  const server: Server = createServer((req, res) => {
    const p = req.url ?? '/'
    hits.set(p, (hits.get(p) ?? 0) + 1)
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    if (p === `${path}/.well-known/openid-configuration`) return send(200, { issuer: url, jwks_uri: `${url}/jwks`, id_token_signing_alg_values_supported: ['RS256', 'ES256'] })
    if (p === `${path}/jwks`) return jwksStatus !== undefined ? send(jwksStatus, { error: 'unavailable' }) : send(200, { keys: keys.map((k) => k.publicJwk) })
    send(404, { error: 'not found' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  url = `http://127.0.0.1:${port}${path}`
  return {
    url,
    name: `127.0.0.1:${port}${path}`,
    token(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000)
      const key = options.key ?? keys.find((k) => k.alg === (options.alg ?? 'RS256'))!
      const header = options.kid !== undefined ? { ...options.header, kid: options.kid } : options.header
      return signJwt(key, { iss: url, iat: now, exp: now + 300, ...claims }, header)
    },
    strangerKey: (alg = 'RS256') => makeKey(alg),
    rotate: () => {
      keys = [makeKey('RS256'), makeKey('ES256')]
    },
    failJwks: (status) => {
      jwksStatus = status
    },
    hits,
    close: () => new Promise((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  }
}
