/**
 * OpenID Connect provider URLs: what CreateOpenIDConnectProvider accepts and the name IAM
 * derives from it (the URL without its scheme: host and path), which is both the ARN's
 * resource (`oidc-provider/NAME`) and the prefix of the trust policy condition keys
 * (`NAME:sub`, `NAME:aud`). AWS accepts only `https://` URLs without port, user info, query
 * or fragment. Warden also accepts `http://` and a port for loopback hosts (127.0.0.1,
 * ::1, localhost) only, so a test can serve its own issuer; such a provider's name keeps
 * the port, as `127.0.0.1:8443/issuer`.
 */
import { AwsError, awsError } from '../../protocol/index.js'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])
// A DNS name (labels of letters, digits and hyphens) or an IPv4 address.
const HOST = /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//

/** The parts of an accepted provider URL. */
export interface ProviderUrl {
  /** `host[:port]/path`, the provider's name. */
  name: string
  /** The URL with its scheme, for fetching discovery documents. */
  href: string
  loopback: boolean
}

const invalid = (detail = ''): AwsError => awsError('InvalidInput', `Invalid Open ID Connect Provider URL.${detail}`)

/** Parses a provider URL as CreateOpenIDConnectProvider does; an AwsError when IAM refuses it. */
export function parseProviderUrl(url: string): ProviderUrl | AwsError {
  const scheme = SCHEME.exec(url)
  const rest = scheme ? url.slice(scheme[0].length) : ''
  if (!scheme || rest === '' || rest.startsWith('/')) return awsError('ValidationError', 'Invalid Open ID Connect Provider URL')
  const slash = rest.indexOf('/')
  const authority = slash < 0 ? rest : rest.slice(0, slash)
  const path = slash < 0 ? '' : rest.slice(slash)
  if (/[?#]/.test(rest) || authority.includes('@')) return invalid()
  const portAt = authority.startsWith('[') ? authority.indexOf(':', authority.indexOf(']')) : authority.lastIndexOf(':')
  const host = (portAt < 0 ? authority : authority.slice(0, portAt)).toLowerCase()
  const port = portAt < 0 ? undefined : authority.slice(portAt + 1)
  const loopback = LOOPBACK.has(host)
  const protocol = scheme[1]!.toLowerCase()
  if (protocol !== 'https' && !(protocol === 'http' && loopback)) return invalid(' The URL must begin with https://.')
  if (port !== undefined && !(loopback && /^\d{1,5}$/.test(port) && Number(port) > 0 && Number(port) < 65536)) return invalid()
  if (!loopback && !HOST.test(host)) return invalid()
  if (/[\s\\]/.test(path)) return invalid()
  return { name: rest, href: url, loopback }
}

/** The provider name (`host/path`) a token's `iss` claim names, or undefined when it is not a URL IAM could hold. */
export function issuerProviderName(iss: string): string | undefined {
  const parsed = parseProviderUrl(iss)
  return parsed instanceof AwsError ? undefined : parsed.name
}
