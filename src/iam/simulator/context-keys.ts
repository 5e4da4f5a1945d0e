/**
 * The condition context keys a set of policies references, as GetContextKeysForPrincipalPolicy
 * and GetContextKeysForCustomPolicy list them: every key named in a Condition, and every
 * policy variable in Resource / NotResource and in condition values (Version 2012-10-17
 * only, since older documents take `${...}` literally). Keys keep the spelling of their first
 * appearance and repeat once, case-insensitively, in document order (the AWS CLI reference
 * lists `${aws:username}` in Resource before the `aws:CurrentTime` of its Condition).
 */
import { VERSION_2012, type Policy } from '../../policy/index.js'

const VARIABLE = /\$\{([^}]*)\}/g
const SPECIAL = new Set(['*', '?', '$'])

function variablesIn(text: string, out: (key: string) => void): void {
  if (!text.includes('${')) return
  for (const m of text.matchAll(VARIABLE)) {
    const inner = (m[1] ?? '').trim()
    if (SPECIAL.has(inner)) continue
    const key = (inner.includes(',') ? inner.slice(0, inner.indexOf(',')) : inner).trim()
    if (key !== '' && !/\s/.test(key)) out(key)
  }
}

/** The context keys `policies` reference, first spelling kept, without repeats. */
export function contextKeysOf(policies: readonly Policy[]): string[] {
  const seen = new Set<string>()
  const keys: string[] = []
  const add = (key: string): void => {
    const lower = key.toLowerCase()
    if (seen.has(lower)) return
    seen.add(lower)
    keys.push(key)
  }
  for (const policy of policies) {
    const variables = policy.version === VERSION_2012
    for (const s of policy.statements) {
      if (variables) for (const r of s.resource ?? s.notResource ?? []) variablesIn(r, add)
      for (const c of s.conditions) {
        add(c.key)
        if (variables) for (const v of c.values) variablesIn(v, add)
      }
    }
  }
  return keys
}
