/**
 * ContextEntries -> the engine's request context. Each ContextKeyType is checked the way the
 * matching condition operators read it, so a value the engine could never compare is refused
 * up front rather than silently failing every condition: `numeric` as IAM's Numeric operators
 * parse numbers, `date` as ISO 8601 or epoch seconds, `boolean` as true / false (stored lower
 * case), `ip` as an IPv4 or IPv6 address, `binary` as base64. The `...List` types make a
 * multivalued key (for ForAllValues / ForAnyValue), even with one value; the others take
 * exactly one value.
 */
import { decodeBase64, parseBool, parseDate, parseIp, parseNumber, type ContextValue } from '../../eval/index.js'
import { iamError } from '../shared/errors.js'
import { CONTEXT_KEY_TYPES, type ContextEntryInput, type ContextKeyType } from './shapes.js'

type Base = 'string' | 'numeric' | 'boolean' | 'ip' | 'binary' | 'date'

/** Each base type's check: the value to store, or undefined when the text is not of that type. */
const NORMALISE: Record<Base, (v: string) => string | undefined> = {
  string: (v) => v,
  numeric: (v) => (parseNumber(v) === undefined ? undefined : v.trim()),
  boolean: (v) => parseBool(v),
  ip: (v) => (parseIp(v) === undefined ? undefined : v.trim()),
  binary: (v) => (decodeBase64(v) === undefined ? undefined : v.trim()),
  date: (v) => (parseDate(v) === undefined ? undefined : v.trim())
}

const TYPES: ReadonlySet<string> = new Set(CONTEXT_KEY_TYPES)

/** The request context for `entries`; throws InvalidInput for an entry IAM could not use. */
export function contextFromEntries(entries: readonly ContextEntryInput[] | undefined): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {}
  const seen = new Map<string, string>()
  for (const entry of entries ?? []) {
    const name = entry.ContextKeyName
    if (name === undefined) throw iamError('InvalidInput', 'ContextKeyName is required in every ContextEntries member.')
    const type = entry.ContextKeyType
    if (type === undefined || !TYPES.has(type)) {
      throw iamError('InvalidInput', `ContextKeyType is required for context key ${name}: one of ${CONTEXT_KEY_TYPES.join(', ')}.`)
    }
    const earlier = seen.get(name.toLowerCase())
    if (earlier !== undefined) throw iamError('InvalidInput', `Context key ${name} is given more than once (also as ${earlier}).`)
    seen.set(name.toLowerCase(), name)
    context[name] = contextValue(name, type, entry.ContextKeyValues ?? [])
  }
  return context
}

function contextValue(name: string, type: ContextKeyType, values: readonly string[]): ContextValue {
  const list = type.endsWith('List')
  const base = (list ? type.slice(0, -'List'.length) : type) as Base
  if (!list && values.length !== 1) {
    throw iamError('InvalidInput', `Context key ${name} of type ${type} takes exactly one value, not ${values.length}; use ${type}List for several.`)
  }
  const out = values.map((v) => {
    const normal = NORMALISE[base](v)
    if (normal === undefined) throw iamError('InvalidInput', `Invalid value '${v}' for context key ${name} of type ${type}.`)
    return normal
  })
  return list ? out : (out[0] as string)
}
