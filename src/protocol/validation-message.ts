/**
 * AWS's wording for input constraint violations, e.g.
 * `1 validation error detected: Value null at 'roleName' failed to satisfy constraint: Member must not be null`.
 */
import { awsError, type AwsError } from './errors.js'

/** How AWS names a member in a path: the model name with its first letter lowercased. */
export function memberPathName(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1)
}

/** The path of `member` below `parent` (`tags.1.member` + `Key` -> `tags.1.member.key`). */
export function childPath(parent: string, member: string): string {
  return parent === '' ? memberPathName(member) : `${parent}.${memberPathName(member)}`
}

/** The path of the `index`-th (1-based) element of the list at `parent`. */
export function elementPath(parent: string, index: number): string {
  return `${parent}.${index}.member`
}

/** Sensitive members are reported without their value, as AWS does for passwords. */
export type RenderedValue = { kind: 'null' } | { kind: 'hidden' } | { kind: 'value'; value: unknown }

function javaString(v: unknown): string {
  if (v instanceof Date) return v.toISOString()
  if (Array.isArray(v)) return `[${v.map(javaString).join(', ')}]`
  if (typeof v === 'object' && v !== null) {
    return `{${Object.entries(v).map(([k, x]) => `${k}: ${javaString(x)}`).join(', ')}}`
  }
  return String(v)
}

/** One violation: `Value 'x' at 'path' failed to satisfy constraint: <constraint>`. */
export function violation(value: RenderedValue, path: string, constraint: string): string {
  const shown = value.kind === 'null' ? 'Value null' : value.kind === 'hidden' ? 'Value' : `Value '${javaString(value.value)}'`
  return `${shown} at '${path}' failed to satisfy constraint: ${constraint}`
}

/** The ValidationError for one or more violations, counted and joined with `; ` as AWS does. */
export function validationError(violations: string[]): AwsError {
  const n = violations.length
  const head = n === 1 ? '1 validation error detected: ' : `${n} validation errors detected: `
  return awsError('ValidationError', head + violations.join('; '))
}
