/**
 * The trust policy condition keys a verified ID token provides. Every provider gives
 * `<provider>:sub` and `<provider>:aud` (plus `:amr`, `:azp` and `:email` when the token
 * has them). Some issuers give more: the service authorization reference lists, for
 * sts:AssumeRoleWithWebIdentity, keys such as `token.actions.githubusercontent.com:repository`
 * or `gitlab.com:project_id`; a token from a provider whose name matches such a key's
 * prefix (`${Domain}`-style placeholders match one name segment) provides that claim too.
 */
import { loadCatalog } from '../../catalog/index.js'
import type { ContextValue } from '../../eval/index.js'

interface IssuerClaims {
  prefix: RegExp
  claims: string[]
}

const STANDARD = ['azp', 'email', 'amr']
let catalogued: Promise<IssuerClaims[]> | undefined

/** Issuer-specific claim keys from the catalog, grouped by issuer prefix pattern. */
function issuerClaims(): Promise<IssuerClaims[]> {
  catalogued ??= loadCatalog(['sts:AssumeRoleWithWebIdentity']).then((catalog) => {
    const byPrefix = new Map<string, string[]>()
    for (const key of catalog.conditionKeysOf('sts:AssumeRoleWithWebIdentity') ?? []) {
      const colon = key.indexOf(':')
      const prefix = key.slice(0, colon)
      // Global and STS keys are not claims; sub and aud are everyone's.
      if (colon < 0 || prefix === 'aws' || prefix === 'sts') continue
      const list = byPrefix.get(prefix) ?? []
      list.push(key.slice(colon + 1))
      byPrefix.set(prefix, list)
    }
    return [...byPrefix].map(([prefix, claims]) => ({
      prefix: new RegExp(`^${prefix.split(/\$\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/:]+')}$`, 'i'),
      claims
    }))
  })
  return catalogued
}

/** A claim by name, or by `a/b` path into nested objects (`google/organization_number`). */
function claimValue(claims: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(claims, name)) return claims[name]
  let v: unknown = claims
  for (const part of name.split('/')) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, part)) return undefined
    v = (v as Record<string, unknown>)[part]
  }
  return v
}

function asContextValue(v: unknown): ContextValue | undefined {
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[]
  return undefined
}

/** The condition keys for a token from the provider `name` (host and path). */
export async function claimContext(name: string, claims: Record<string, unknown>, audience: string, subject: string): Promise<Record<string, ContextValue>> {
  const context: Record<string, ContextValue> = { [`${name}:sub`]: subject, [`${name}:aud`]: audience }
  const wanted = new Set(STANDARD)
  for (const issuer of await issuerClaims()) if (issuer.prefix.test(name)) for (const c of issuer.claims) wanted.add(c)
  wanted.delete('sub')
  wanted.delete('aud')
  for (const claim of wanted) {
    const v = asContextValue(claimValue(claims, claim))
    if (v !== undefined) context[`${name}:${claim}`] = v
  }
  return context
}
