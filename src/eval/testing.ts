/**
 * Test-only helper: turns a plain policy object (as JSON.parse gives it) into the shared
 * Policy model WITHOUT validation. The engine's cases need this on purpose: some feed it
 * documents the validator rejects (no Action, unknown operators, unique-id principals,
 * RCPs without Principal) to prove the engine stays sound on any model. Everything else
 * builds models with src/policy's `policyFromObject`, which validates.
 */
import type { ConditionClause, Policy, PrincipalSpec, Statement } from '../policy/model.js'

type Json = unknown

const list = (v: Json): string[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v.map((x) => String(x)) : [String(v)]

function principal(v: Json): PrincipalSpec | undefined {
  if (v === undefined) return undefined
  const spec: PrincipalSpec = { wildcard: false, aws: [], service: [], federated: [], canonicalUser: [] }
  if (v === '*') return { ...spec, wildcard: true }
  const o = v as Record<string, Json>
  return {
    wildcard: false,
    aws: list(o.AWS) ?? [],
    service: list(o.Service) ?? [],
    federated: list(o.Federated) ?? [],
    canonicalUser: list(o.CanonicalUser) ?? []
  }
}

function conditions(v: Json): ConditionClause[] {
  const out: ConditionClause[] = []
  if (!v || typeof v !== 'object') return out
  for (const [operator, block] of Object.entries(v as Record<string, Json>)) {
    let base = operator
    let setQualifier: ConditionClause['setQualifier']
    const colon = base.indexOf(':')
    if (colon >= 0) {
      const q = base.slice(0, colon)
      setQualifier = q === 'ForAllValues' || q === 'ForAnyValue' ? q : undefined
      base = base.slice(colon + 1)
    }
    const ifExists = base.endsWith('IfExists')
    if (ifExists) base = base.slice(0, -'IfExists'.length)
    for (const [key, values] of Object.entries(block as Record<string, Json>)) {
      out.push({ operator, baseOperator: base, setQualifier, ifExists, key, values: list(values) ?? [] })
    }
  }
  return out
}

/** Builds a Policy model from a plain policy document object. */
export function policyFromObject(doc: Json): Policy {
  const d = doc as Record<string, Json>
  const raw = d.Statement
  const statements = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) as Record<string, Json>[]
  return {
    version: d.Version === undefined ? undefined : String(d.Version),
    id: d.Id === undefined ? undefined : String(d.Id),
    statements: statements.map(
      (s, index): Statement => ({
        index,
        sid: s.Sid === undefined ? undefined : String(s.Sid),
        effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
        action: list(s.Action),
        notAction: list(s.NotAction),
        resource: list(s.Resource),
        notResource: list(s.NotResource),
        principal: principal(s.Principal),
        notPrincipal: principal(s.NotPrincipal),
        conditions: conditions(s.Condition),
        range: undefined
      })
    )
  }
}
