/**
 * Verifies a web identity token (an OpenID Connect ID token) as STS does for
 * AssumeRoleWithWebIdentity: a well-formed JWT whose `iss` names an OpenID Connect
 * provider of the account, whose `aud` is one of the provider's client ids, which is
 * current (`exp`, `nbf`, `iat`, with a minute of clock skew) and whose signature verifies
 * with a key from the issuer's JWKS. Errors are AWS's codes and, where AWS's wording is
 * known, its words.
 */
import { issuerProviderName } from '../../iam/oidc-providers/index.js'
import { isOutboundIssuer } from '../../iam/outbound-federation/issuer.js'
import { awsError, type AwsError } from '../../protocol/index.js'
import type { OidcProviderRecord, Store } from '../../store/index.js'
import { JwksError, type JwksCache } from './jwks.js'
import { ALGORITHMS, decodeJwt, publicKeyFor, verifyJwtSignature } from './jwt.js'

/** Clock skew allowed on `exp`, `nbf` and `iat`. */
export const CLOCK_SKEW_SECONDS = 60

export interface VerifiedToken {
  provider: OidcProviderRecord
  claims: Record<string, unknown>
  /** The `aud` value that matched one of the provider's client ids. */
  audience: string
  subject: string
}

const invalid = (message: string): AwsError => awsError('InvalidIdentityToken', message)
// AWS's text, double space included.
const NO_KEY = "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements"
const UNREACHABLE = 'The request could not be fulfilled because the identity provider (IDP) that was asked to verify the incoming identity token could not be reached.'

function numericDate(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined
}

/** Verifies `token` against the account's providers at `now`; throws the AwsError STS would answer with. */
export async function verifyWebIdentityToken(token: string, store: Store, jwks: JwksCache, now: Date): Promise<VerifiedToken> {
  const jwt = decodeJwt(token)
  if (!jwt) throw invalid('The ID token provided is not a valid JSON Web Token.')
  const alg = jwt.header.alg
  if (typeof alg !== 'string' || ALGORITHMS[alg] === undefined) {
    throw invalid(`The ID token is signed with an unsupported algorithm (${String(alg)}): use RS256, RS384, RS512, ES256, ES384 or ES512.`)
  }
  const c = jwt.payload
  for (const claim of ['iss', 'sub', 'aud', 'exp']) {
    if (c[claim] === undefined) throw invalid(`Missing a required claim: ${claim}`)
  }
  const iss = c.iss
  // AWS: JWTs from GetWebIdentityToken "cannot be used for OpenID Connect (OIDC) federation into AWS".
  if (typeof iss === 'string' && isOutboundIssuer(iss)) {
    throw invalid('Tokens issued by GetWebIdentityToken cannot be used with AssumeRoleWithWebIdentity.')
  }
  const name = typeof iss === 'string' ? issuerProviderName(iss) : undefined
  const provider = name === undefined ? undefined : await store.getOidcProvider(name)
  if (!provider) throw invalid(`No OpenIDConnect provider found in your account for ${String(iss)}`)
  if (typeof c.sub !== 'string') throw invalid('The sub claim must be a string.')
  const audiences = typeof c.aud === 'string' ? [c.aud] : Array.isArray(c.aud) ? c.aud.filter((a): a is string => typeof a === 'string') : []
  const audience = audiences.find((a) => provider.clientIds.includes(a))
  if (audience === undefined) throw invalid('Incorrect token audience')

  const nowSeconds = Math.floor(now.getTime() / 1000)
  const exp = numericDate(c.exp)
  if (exp === undefined) throw invalid('The exp claim must be a number.')
  if (exp + CLOCK_SKEW_SECONDS <= nowSeconds) {
    throw awsError('ExpiredTokenException', `Token expired: current date/time ${nowSeconds} must be before the expiration date/time ${exp}`)
  }
  const nbf = c.nbf === undefined ? undefined : numericDate(c.nbf)
  if (c.nbf !== undefined && (nbf === undefined || nbf - CLOCK_SKEW_SECONDS > nowSeconds)) throw invalid('The token is not valid yet (nbf).')
  const iat = c.iat === undefined ? undefined : numericDate(c.iat)
  if (c.iat !== undefined && (iat === undefined || iat - CLOCK_SKEW_SECONDS > nowSeconds)) throw invalid('The token was issued in the future (iat).')

  const kid = typeof jwt.header.kid === 'string' ? jwt.header.kid : undefined
  let keys
  try {
    keys = await jwks.keys(provider.url, kid)
  } catch (err) {
    if (err instanceof JwksError && err.kind === 'unreachable') throw awsError('IDPCommunicationError', UNREACHABLE)
    throw invalid(NO_KEY)
  }
  const candidates = kid !== undefined ? keys.filter((k) => k.kid === kid) : keys
  const usable = candidates.map((k) => publicKeyFor(k, alg)).filter((k) => k !== undefined)
  if (usable.length === 0) throw invalid(NO_KEY)
  if (!usable.some((key) => verifyJwtSignature(jwt, alg, key))) throw invalid('The signature of the ID token could not be verified with the keys of its issuer.')
  return { provider, claims: c, audience, subject: c.sub }
}
