/**
 * The signing keys of an OpenID Connect issuer, found as OIDC Discovery says: GET
 * `<issuer>/.well-known/openid-configuration`, then its `jwks_uri`. Keys are cached per
 * issuer for ten minutes; a token signed with a key id the cache lacks refetches (an
 * issuer rotating its keys), at most once a second per issuer, and concurrent lookups
 * share one fetch. Fetches time out after 5 seconds (STS's own bound) and read at most
 * 1 MiB. Only https is fetched, except loopback hosts, which may use http (test issuers);
 * redirects are not followed.
 */
import type { JsonWebKey } from 'node:crypto'

const TTL_MS = 10 * 60 * 1000
const REFETCH_AFTER_MS = 1000
const TIMEOUT_MS = 5000
const MAX_BYTES = 1024 * 1024
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** Why the keys could not be had: the issuer could not be reached at all, or answered with something unusable. */
export class JwksError extends Error {
  constructor(readonly kind: 'unreachable' | 'unusable', message: string) {
    super(message)
  }
}

interface Entry {
  keys: JsonWebKey[]
  fetchedAt: number
}

/** True for the URLs Warden fetches: https anywhere, http on loopback hosts only. */
export function fetchableUrl(href: string): boolean {
  let url: URL
  try {
    url = new URL(href)
  } catch {
    return false
  }
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))
}

async function getJson(href: string): Promise<unknown> {
  if (!fetchableUrl(href)) throw new JwksError('unusable', `refusing to fetch ${href}: only https (or http on a loopback host)`)
  let res: Response
  try {
    res = await fetch(href, { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: 'application/json' } })
  } catch (err) {
    throw new JwksError('unreachable', `${href}: ${(err as Error).message}`)
  }
  if (res.status !== 200 || !res.body) {
    await res.body?.cancel()
    throw new JwksError('unusable', `${href}: HTTP ${res.status}`)
  }
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = res.body.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > MAX_BYTES) {
        await reader.cancel()
        throw new JwksError('unusable', `${href}: larger than ${MAX_BYTES} bytes`)
      }
      chunks.push(value)
    }
  } catch (err) {
    if (err instanceof JwksError) throw err
    throw new JwksError('unreachable', `${href}: ${(err as Error).message}`)
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new JwksError('unusable', `${href}: not JSON`)
  }
}

async function fetchKeys(issuer: string): Promise<JsonWebKey[]> {
  const discovery = await getJson(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`)
  const jwksUri = (discovery as { jwks_uri?: unknown } | null)?.jwks_uri
  if (typeof jwksUri !== 'string') throw new JwksError('unusable', `${issuer}: the discovery document has no jwks_uri`)
  const jwks = await getJson(jwksUri)
  const keys = (jwks as { keys?: unknown } | null)?.keys
  if (!Array.isArray(keys)) throw new JwksError('unusable', `${jwksUri}: not a JSON Web Key Set`)
  return keys.filter((k): k is JsonWebKey => k !== null && typeof k === 'object')
}

/** Issuers' key sets, cached. One per process: keys belong to the issuer, not to a store. */
export class JwksCache {
  private readonly entries = new Map<string, Entry>()
  private readonly inflight = new Map<string, Promise<Entry>>()

  constructor(private readonly now: () => number = Date.now) {}

  /** The issuer's keys; refetched when stale, or when `wantKid` is not among the cached ones. */
  async keys(issuer: string, wantKid?: string): Promise<JsonWebKey[]> {
    const entry = this.entries.get(issuer)
    const age = entry ? this.now() - entry.fetchedAt : Infinity
    const missing = entry !== undefined && wantKid !== undefined && !entry.keys.some((k) => k.kid === wantKid)
    if (entry && age < TTL_MS && !(missing && age >= REFETCH_AFTER_MS)) return entry.keys
    return (await this.refresh(issuer)).keys
  }

  private refresh(issuer: string): Promise<Entry> {
    let p = this.inflight.get(issuer)
    if (!p) {
      p = fetchKeys(issuer)
        .then((keys) => {
          const entry = { keys, fetchedAt: this.now() }
          if (this.entries.size >= 1024) this.entries.clear()
          this.entries.set(issuer, entry)
          return entry
        })
        .finally(() => this.inflight.delete(issuer))
      this.inflight.set(issuer, p)
    }
    return p
  }
}

/** The process's cache. */
export const jwksCache = new JwksCache()
