/**
 * The request context: the caller's keys plus the keys AWS derives from the principal and
 * the clock (IAM User Guide, "AWS global condition context keys"). Key names are
 * case-insensitive; lookups try the name as written first, so the common case costs one
 * property read and no allocation.
 */
import type { AuthorizationRequest, ContextValue, RequestPrincipal } from './types.js'

/** aws:PrincipalArn: for an assumed role this is the role's ARN, not the session's (condition keys doc). */
export function principalArnOf(p: RequestPrincipal): string | undefined {
  switch (p.type) {
    case 'AssumedRole':
      return p.roleArn ?? roleArnFromSession(p.arn)
    case 'User':
    case 'FederatedUser':
    case 'Account':
      return p.arn
    default:
      return undefined
  }
}

/** arn:aws:sts::1:assumed-role/Name/session -> arn:aws:iam::1:role/Name (the path is unknown here). */
export function roleArnFromSession(sessionArn: string): string | undefined {
  const m = /^arn:([^:]+):sts::(\d+):assumed-role\/([^/]+)\//.exec(sessionArn)
  return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : undefined
}

function usernameOf(p: RequestPrincipal): string | undefined {
  if (p.type !== 'User') return undefined
  if (p.username !== undefined) return p.username
  const slash = p.arn.lastIndexOf('/')
  return slash >= 0 ? p.arn.slice(slash + 1) : undefined
}

/** ISO-8601 without milliseconds, as AWS renders aws:CurrentTime. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** Supplies the evaluation time lazily (only time conditions need it). */
export interface Clock {
  now(): Date
}

/** Derives a principal/clock key (lower-cased name); undefined when AWS would not set it. */
export function derivedKey(p: RequestPrincipal, lowerKey: string, clock: Clock): ContextValue | undefined {
  if (lowerKey.startsWith('aws:principaltag/')) {
    if (!p.tags || p.type === 'Account' || p.type === 'Anonymous' || p.type === 'Service') return undefined
    return tagValue(p.tags, lowerKey.slice('aws:principaltag/'.length))
  }
  switch (lowerKey) {
    case 'aws:principalarn':
      return principalArnOf(p)
    case 'aws:principalaccount':
      return p.type === 'Service' || p.type === 'Anonymous' ? undefined : p.accountId
    case 'aws:principaltype':
      return p.type === 'Service' ? undefined : p.type
    case 'aws:userid':
      if (p.userId !== undefined) return p.userId
      if (p.type === 'Account') return p.accountId
      if (p.type === 'Anonymous') return 'anonymous'
      return undefined
    case 'aws:username':
      return usernameOf(p)
    case 'aws:principalisawsservice':
      return p.type === 'Service' ? 'true' : 'false'
    case 'aws:principalservicename':
      return p.type === 'Service' ? p.serviceName : undefined
    case 'aws:federatedprovider':
      return p.federatedProvider
    case 'aws:currenttime':
      return isoSeconds(clock.now())
    case 'aws:epochtime':
      return String(Math.floor(clock.now().getTime() / 1000))
    default:
      return undefined
  }
}

function tagValue(tags: Record<string, string>, lowerTagKey: string): string | undefined {
  const direct = tags[lowerTagKey]
  if (direct !== undefined) return direct
  for (const k in tags) if (equalsIgnoreCase(k, lowerTagKey)) return tags[k]
  return undefined
}

/** ASCII/Unicode case-insensitive equality; `lower` must already be lower case. */
export function equalsIgnoreCase(s: string, lower: string): boolean {
  return s.length === lower.length && (s === lower || s.toLowerCase() === lower)
}

/** Finds a caller-supplied key: exact spelling first, then a case-insensitive scan. */
export function lookupSupplied(
  ctx: Record<string, ContextValue> | undefined,
  lowerKey: string,
  writtenKey: string
): ContextValue | undefined {
  if (!ctx) return undefined
  const direct = ctx[writtenKey]
  if (direct !== undefined) return direct
  for (const k in ctx) if (equalsIgnoreCase(k, lowerKey)) return ctx[k]
  return undefined
}

const DERIVED_NAMES = [
  'aws:PrincipalArn',
  'aws:PrincipalAccount',
  'aws:PrincipalType',
  'aws:userid',
  'aws:username',
  'aws:PrincipalIsAWSService',
  'aws:PrincipalServiceName',
  'aws:FederatedProvider',
  'aws:CurrentTime',
  'aws:EpochTime'
]

/** Builds the full request context the engine sees (caller keys win over derived ones). */
export function buildRequestContext(request: AuthorizationRequest, now: Date = new Date()): Record<string, ContextValue> {
  const out: Record<string, ContextValue> = {}
  const p = request.principal
  const clock: Clock = { now: () => now }
  for (const name of DERIVED_NAMES) {
    const v = derivedKey(p, name.toLowerCase(), clock)
    if (v !== undefined) out[name] = v
  }
  if (p.tags && p.type !== 'Account' && p.type !== 'Anonymous' && p.type !== 'Service') {
    for (const [k, v] of Object.entries(p.tags)) out[`aws:PrincipalTag/${k}`] = v
  }
  const supplied = request.context ?? {}
  for (const [k, v] of Object.entries(supplied)) {
    const lower = k.toLowerCase()
    for (const existing of Object.keys(out)) if (existing.toLowerCase() === lower) delete out[existing]
    out[k] = v
  }
  return out
}
