/**
 * Condition operators (IAM User Guide, "IAM JSON policy elements: Condition operators").
 * Each base operator is built once per clause from its policy values into a test of one
 * request value: true / false, or undefined when the request value has the wrong type.
 * Negated operators (StringNotEquals, NotIpAddress, ArnNotLike, ...) are the NOT of their
 * positive twin over all values ORed ("none of the values match").
 */
import { compileArnPattern, matchArnDynamic } from './arn.js'
import { cidrContains, parseCidr, parseIp, type Cidr } from './cidr.js'
import type { EvalState } from './state.js'
import { decodeBase64, parseBool, parseDate, parseNumber } from './values.js'
import { fillTemplate, parseTemplate, type Template } from './variables.js'
import { compileStringGlob, globMatch } from './wildcard.js'

/** Tests one request value against all policy values (ORed). */
export type ValueTest = (requestValue: string, st: EvalState) => boolean | undefined

export interface OperatorSpec {
  negated: boolean
  build: (values: string[], variables: boolean) => ValueTest
}

const never: ValueTest = () => false

function split(values: string[], variables: boolean): { plain: string[]; templates: Template[] } {
  const plain: string[] = []
  const templates: Template[] = []
  for (const v of values) {
    const t = variables ? parseTemplate(v) : undefined
    if (t) templates.push(t)
    else plain.push(v)
  }
  return { plain, templates }
}

function stringEquals(values: string[], variables: boolean): ValueTest {
  const { plain, templates } = split(values, variables)
  const set = new Set(plain)
  if (templates.length === 0) {
    if (plain.length === 1) {
      const only = plain[0]
      return (v) => v === only
    }
    return (v) => set.has(v)
  }
  return (v, st) => set.has(v) || templates.some((t) => fillTemplate(t, st, false) === v)
}

function stringEqualsIgnoreCase(values: string[], variables: boolean): ValueTest {
  const { plain, templates } = split(values, variables)
  const set = new Set(plain.map((p) => p.toLowerCase()))
  return (v, st) => {
    const lower = v.toLowerCase()
    if (set.has(lower)) return true
    for (const t of templates) if (fillTemplate(t, st, false)?.toLowerCase() === lower) return true
    return false
  }
}

function stringLike(values: string[], variables: boolean): ValueTest {
  const { plain, templates } = split(values, variables)
  const matchers = plain.map((p) => compileStringGlob(p))
  return (v, st) => {
    for (const m of matchers) if (m(v)) return true
    for (const t of templates) {
      const p = fillTemplate(t, st, true)
      if (p !== undefined && globMatch(p, v)) return true
    }
    return false
  }
}

function typed<T>(
  parse: (s: string) => T | undefined,
  cmp: (request: T, policy: T) => boolean
): (values: string[]) => ValueTest {
  return (values) => {
    const parsed: T[] = []
    for (const v of values) {
      const p = parse(v)
      if (p !== undefined) parsed.push(p)
    }
    return (v) => {
      const x = parse(v)
      if (x === undefined) return undefined
      for (const p of parsed) if (cmp(x, p)) return true
      return false
    }
  }
}

function boolTest(values: string[], variables: boolean): ValueTest {
  const { plain, templates } = split(values, variables)
  const set = new Set(plain.map((p) => parseBool(p)).filter((b) => b !== undefined))
  return (v, st) => {
    const x = parseBool(v)
    if (x === undefined) return undefined
    if (set.has(x)) return true
    for (const t of templates) {
      const filled = fillTemplate(t, st, false)
      if (filled !== undefined && parseBool(filled) === x) return true
    }
    return false
  }
}

function ipTest(values: string[]): ValueTest {
  const cidrs = values.map((v) => parseCidr(v.trim())).filter((c): c is Cidr => c !== undefined)
  return (v) => {
    const addr = parseIp(v)
    if (!addr) return undefined
    for (const c of cidrs) if (cidrContains(c, addr)) return true
    return false
  }
}

function arnLike(values: string[], variables: boolean): ValueTest {
  const { plain, templates } = split(values, variables)
  const matchers = plain.map((p) => compileArnPattern(p))
  return (v, st) => {
    for (const m of matchers) if (m(v)) return true
    for (const t of templates) {
      const p = fillTemplate(t, st, true)
      if (p !== undefined && matchArnDynamic(p, v)) return true
    }
    return false
  }
}

const num = (cmp: (a: number, b: number) => boolean) => typed(parseNumber, cmp)
const date = (cmp: (a: number, b: number) => boolean) => typed(parseDate, cmp)
const eq = (a: number, b: number) => a === b
const binary = typed(decodeBase64, (a, b) => a === b)

/** Base operators by lower-cased name (without ForAllValues:/ForAnyValue: or IfExists). */
export const OPERATORS: ReadonlyMap<string, OperatorSpec> = new Map<string, OperatorSpec>([
  ['stringequals', { negated: false, build: stringEquals }],
  ['stringnotequals', { negated: true, build: stringEquals }],
  ['stringequalsignorecase', { negated: false, build: stringEqualsIgnoreCase }],
  ['stringnotequalsignorecase', { negated: true, build: stringEqualsIgnoreCase }],
  ['stringlike', { negated: false, build: stringLike }],
  ['stringnotlike', { negated: true, build: stringLike }],
  ['numericequals', { negated: false, build: num(eq) }],
  ['numericnotequals', { negated: true, build: num(eq) }],
  ['numericlessthan', { negated: false, build: num((a, b) => a < b) }],
  ['numericlessthanequals', { negated: false, build: num((a, b) => a <= b) }],
  ['numericgreaterthan', { negated: false, build: num((a, b) => a > b) }],
  ['numericgreaterthanequals', { negated: false, build: num((a, b) => a >= b) }],
  ['dateequals', { negated: false, build: date(eq) }],
  ['datenotequals', { negated: true, build: date(eq) }],
  ['datelessthan', { negated: false, build: date((a, b) => a < b) }],
  ['datelessthanequals', { negated: false, build: date((a, b) => a <= b) }],
  ['dategreaterthan', { negated: false, build: date((a, b) => a > b) }],
  ['dategreaterthanequals', { negated: false, build: date((a, b) => a >= b) }],
  ['bool', { negated: false, build: boolTest }],
  ['binaryequals', { negated: false, build: binary }],
  ['ipaddress', { negated: false, build: ipTest }],
  ['notipaddress', { negated: true, build: ipTest }],
  ['arnequals', { negated: false, build: arnLike }],
  ['arnlike', { negated: false, build: arnLike }],
  ['arnnotequals', { negated: true, build: arnLike }],
  ['arnnotlike', { negated: true, build: arnLike }]
])

/** A test that never matches, for unknown operators. */
export const NEVER: ValueTest = never
