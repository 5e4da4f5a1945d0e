/**
 * Reading an untrusted JSON value field by field: each accessor checks the type (and, for
 * strings, the IAM model's length and pattern constraints of the named shape), records a
 * problem at the value's JSON path when it fails, and returns undefined. Nothing throws,
 * so one pass reports every problem of a file.
 */
import { compilePattern, serviceModel } from '../protocol/index.js'

/** One thing wrong with a snapshot file, at a JSON path such as `$.RoleDetailList[3].RoleName`. */
export interface SnapshotProblem {
  path: string
  message: string
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
export type JsonObject = { [key: string]: Json }

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/

/** `path` + `.key`, or `["key"]` when the key is not an identifier. */
export function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`
}

/** Collects problems while reading. */
export class Reader {
  readonly problems: SnapshotProblem[] = []

  problem(path: string, message: string): undefined {
    this.problems.push({ path, message })
    return undefined
  }

  object(value: Json | undefined, path: string): JsonObject | undefined {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value
    return this.problem(path, `expected an object, found ${value === undefined ? 'nothing' : describe(value)}`)
  }

  /** An array member; absent reads as empty unless `required`. */
  array(obj: JsonObject, key: string, path: string, required = false): Json[] | undefined {
    const v = obj[key]
    if (v === undefined && !required) return []
    if (Array.isArray(v)) return v
    return this.problem(child(path, key), `expected an array, found ${v === undefined ? 'nothing' : describe(v)}`)
  }

  /** A string member checked against the IAM model shape `shapeName` (length, pattern). */
  string(obj: JsonObject, key: string, path: string, shapeName?: string, optional = false): string | undefined {
    const v = obj[key]
    const at = child(path, key)
    if (v === undefined && optional) return undefined
    if (typeof v !== 'string') return this.problem(at, `expected a string, found ${v === undefined ? 'nothing' : describe(v)}`)
    return shapeName === undefined || this.fits(v, shapeName, at) ? v : undefined
  }

  /** True when `value` satisfies the string shape's constraints; records a problem otherwise. */
  fits(value: string, shapeName: string, path: string): boolean {
    const shape = serviceModel('iam').shapes[shapeName]
    if (shape === undefined || shape.type !== 'string') throw new Error(`iam model has no string shape ${shapeName}`)
    const length = [...value].length
    if (shape.min !== undefined && length < shape.min) return this.problem(path, `must be at least ${shape.min} characters long`) ?? false
    if (shape.max !== undefined && length > shape.max) return this.problem(path, `must be at most ${shape.max} characters long`) ?? false
    if (shape.pattern !== undefined && !compilePattern(shape.pattern).test(value)) {
      return this.problem(path, `${JSON.stringify(value)} does not match IAM's pattern ${shape.pattern}`) ?? false
    }
    return true
  }

  integer(obj: JsonObject, key: string, path: string, min: number, max: number, optional = false): number | undefined {
    const v = obj[key]
    const at = child(path, key)
    if (v === undefined && optional) return undefined
    if (typeof v !== 'number' || !Number.isInteger(v)) return this.problem(at, `expected an integer, found ${v === undefined ? 'nothing' : describe(v)}`)
    if (v < min || v > max) return this.problem(at, `must be between ${min} and ${max}, found ${v}`)
    return v
  }

  boolean(obj: JsonObject, key: string, path: string): boolean | undefined {
    const v = obj[key]
    if (typeof v === 'boolean') return v
    return this.problem(child(path, key), `expected true or false, found ${v === undefined ? 'nothing' : describe(v)}`)
  }

  /** An ISO 8601 date-time member (`2024-05-01T10:00:00Z`, `...+00:00`, fractions allowed). */
  date(obj: JsonObject, key: string, path: string, optional = false): Date | undefined {
    const v = obj[key]
    const at = child(path, key)
    if (v === undefined && optional) return undefined
    if (typeof v !== 'string' || !ISO_DATE.test(v) || Number.isNaN(Date.parse(v))) {
      return this.problem(at, `expected an ISO 8601 date-time, found ${v === undefined ? 'nothing' : describe(v)}`)
    }
    return new Date(v)
  }
}
