/**
 * The account's outbound identity federation issuer. AWS gives each account an issuer
 * `https://<uuid>.tokens.sts.global.api.aws`; Warden serves the issuer itself, under its own
 * base URL: `<base>/_warden/oidc/<uuid>`, with `/.well-known/openid-configuration` and
 * `/.well-known/jwks.json` below it (src/server/oidc-routes.ts). The base is
 * `WARDEN_PUBLIC_URL` (`--public-url`) when set, else the address the server listens on.
 */

/** Where issuers live on a Warden server. */
export const ISSUER_PATH_PREFIX = '/_warden/oidc/'
export const DISCOVERY_SUFFIX = '/.well-known/openid-configuration'
export const JWKS_SUFFIX = '/.well-known/jwks.json'

/** The issuer URL (`iss`) of the account whose issuer id is `issuerId`, on the server at `baseUrl`. */
export function issuerUrl(baseUrl: string, issuerId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${ISSUER_PATH_PREFIX}${issuerId}`
}

/**
 * True for the issuer of tokens minted by GetWebIdentityToken: AWS's own
 * (`https://<id>.tokens.sts.global.api.aws`) or a Warden server's (`<base>/_warden/oidc/<id>`).
 */
export function isOutboundIssuer(iss: string): boolean {
  let url: URL
  try {
    url = new URL(iss)
  } catch {
    return false
  }
  return url.hostname.endsWith('.tokens.sts.global.api.aws') || url.pathname.startsWith(ISSUER_PATH_PREFIX)
}

/** The OpenID Connect discovery document of an issuer, with the members AWS's issuers publish. */
export function discoveryDocument(issuer: string): Record<string, unknown> {
  return {
    issuer,
    jwks_uri: `${issuer}${JWKS_SUFFIX}`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'jti', 'https://sts.amazonaws.com/'],
    id_token_signing_alg_values_supported: ['RS256', 'ES384'],
    subject_types_supported: ['public']
  }
}
