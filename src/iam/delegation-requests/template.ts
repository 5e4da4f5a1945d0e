/**
 * Policy templates of IAM temporary delegation: a policy whose strings hold `@{name}`
 * placeholders, rendered with a request's parameters into the policy the customer approves
 * (IAM User Guide, "Policy templates"). A `string` parameter has one value and may sit
 * anywhere inside a string; a `stringList` parameter must be a whole string (`"@{name}"`),
 * which becomes its values: spliced into the array that holds it, or an array in its place.
 * Warden does not implement the templates' conditional statements (docs/delegation.md).
 */
import type { DelegationPolicyParameter } from '../../store/index.js'

/** The rendered policy's limit (User Guide: "a maximum size limit of 2048 characters"). */
export const MAX_RENDERED_POLICY_CHARS = 2048

const PLACEHOLDER = /@\{([^}]*)\}/g

export type RenderResult = { ok: true; text: string } | { ok: false; message: string }

class RenderError extends Error {}

/** Renders `templateText` with `parameters`; every placeholder needs a parameter and every parameter a placeholder. */
export function renderPolicyTemplate(templateText: string, parameters: DelegationPolicyParameter[]): RenderResult {
  const byName = new Map<string, DelegationPolicyParameter>()
  for (const p of parameters) {
    if (byName.has(p.name)) return { ok: false, message: `Duplicate policy parameter name: ${p.name}.` }
    if (p.type === 'string' && p.values.length !== 1) {
      return { ok: false, message: `Policy parameter ${p.name} of type string must have exactly one value.` }
    }
    if (p.values.length === 0) return { ok: false, message: `Policy parameter ${p.name} must have at least one value.` }
    byName.set(p.name, p)
  }
  let template: unknown
  try {
    template = JSON.parse(templateText)
  } catch {
    return { ok: false, message: 'The policy template is not valid JSON.' }
  }
  const used = new Set<string>()
  const lookup = (name: string): DelegationPolicyParameter => {
    const p = byName.get(name)
    if (!p) throw new RenderError(`Missing value for policy template parameter ${name}.`)
    used.add(name)
    return p
  }
  /** A string's rendering: one string, or the values of a whole-string stringList placeholder. */
  const renderString = (s: string): string | string[] => {
    const whole = /^@\{([^}]*)\}$/.exec(s)
    if (whole) {
      const p = lookup(whole[1]!)
      return p.type === 'stringList' ? [...p.values] : p.values[0]!
    }
    return s.replace(PLACEHOLDER, (_m, name: string) => {
      const p = lookup(name)
      if (p.type === 'stringList') throw new RenderError(`Policy parameter ${name} of type stringList must be a whole string value.`)
      return p.values[0]!
    })
  }
  const render = (v: unknown): unknown => {
    if (typeof v === 'string') return renderString(v)
    if (Array.isArray(v)) return v.flatMap((item) => (typeof item === 'string' ? renderString(item) : [render(item)]))
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {}
      for (const [k, child] of Object.entries(v)) {
        const key = renderString(k)
        if (Array.isArray(key)) throw new RenderError(`Policy parameter in key ${k} must be of type string.`)
        out[key] = render(child)
      }
      return out
    }
    return v
  }
  let rendered: unknown
  try {
    rendered = render(template)
  } catch (err) {
    if (err instanceof RenderError) return { ok: false, message: err.message }
    throw err
  }
  const unused = [...byName.keys()].filter((n) => !used.has(n))
  if (unused.length > 0) return { ok: false, message: `Policy parameter ${unused[0]} is not used by the policy template.` }
  const text = JSON.stringify(rendered)
  if (text.length > MAX_RENDERED_POLICY_CHARS) {
    return { ok: false, message: `The rendered policy is ${text.length} characters, more than the maximum of ${MAX_RENDERED_POLICY_CHARS}.` }
  }
  return { ok: true, text }
}
