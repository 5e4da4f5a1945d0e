/**
 * The outbound identity federation issuer, served by Warden itself (AWS serves it at
 * `https://<uuid>.tokens.sts.global.api.aws`): `GET <issuer>/.well-known/openid-configuration`
 * and `GET <issuer>/.well-known/jwks.json`, unauthenticated like /health, so anyone verifying
 * a GetWebIdentityToken JWT finds its keys by OIDC discovery. Served while the account has an
 * issuer, enabled or not: tokens minted before a disable must still verify. Every replica
 * reads the same row, so all publish the same keys.
 */
import type { KeyMaterial } from '../auth/key-material.js'
import { openSigningKeys, publicJwks } from '../auth/token-signing-keys.js'
import { DISCOVERY_SUFFIX, ISSUER_PATH_PREFIX, JWKS_SUFFIX, discoveryDocument, issuerUrl } from '../iam/outbound-federation/index.js'
import type { Store } from '../store/index.js'

export interface OidcResponse {
  status: number
  body: string
}

const NOT_FOUND: OidcResponse = { status: 404, body: JSON.stringify({ error: 'not found' }) }

/** True for paths this module answers. */
export function isOidcPath(path: string): boolean {
  return path.startsWith(ISSUER_PATH_PREFIX)
}

/** The answer to a GET of `path` (under ISSUER_PATH_PREFIX): the discovery document, the JWKS, or 404. */
export async function oidcResponse(path: string, store: Store, keys: KeyMaterial, baseUrl: string): Promise<OidcResponse> {
  const rest = path.slice(ISSUER_PATH_PREFIX.length)
  const suffix = [DISCOVERY_SUFFIX, JWKS_SUFFIX].find((s) => rest.endsWith(s))
  if (!suffix) return NOT_FOUND
  const issuerId = rest.slice(0, rest.length - suffix.length)
  const record = await store.getOutboundFederation()
  if (!record || record.issuerId !== issuerId) return NOT_FOUND
  if (suffix === DISCOVERY_SUFFIX) return { status: 200, body: JSON.stringify(discoveryDocument(issuerUrl(baseUrl, issuerId))) }
  const signing = openSigningKeys(keys, record)
  // Keys another master key sealed: nothing this server could sign with, so nothing to publish.
  if (!signing) throw new Error('the token signing keys in the database cannot be opened with this master key')
  return { status: 200, body: JSON.stringify(publicJwks(signing)) }
}
