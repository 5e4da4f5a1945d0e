/**
 * Turns an already-parsed JavaScript value (from `JSON.parse`, YAML, or code) into the same
 * node tree the text parser produces, so one validator serves both. Values that JSON cannot
 * hold (undefined, functions, NaN, cycles) are reported, never thrown.
 */
import type { SourceRange } from './model.js'
import { DEFAULT_MAX_DEPTH, type JsonMember, type JsonNode } from './json-source.js'

/** Placeholder range for nodes that have no text; the collector drops it from problems. */
export const NO_RANGE: SourceRange = Object.freeze({
  start: Object.freeze({ line: 0, column: 0, offset: 0 }),
  end: Object.freeze({ line: 0, column: 0, offset: 0 })
}) as SourceRange

export interface NodeFromValueResult {
  node: JsonNode | undefined
  /** Why the value is not JSON, with the JSON path of the offending part. */
  error: { path: string; message: string } | undefined
}

class NotJson {
  constructor(
    readonly path: string,
    readonly message: string
  ) {}
}

function convert(value: unknown, path: string, depth: number, maxDepth: number): JsonNode {
  switch (typeof value) {
    case 'string':
      return { type: 'string', value, range: NO_RANGE }
    case 'boolean':
      return { type: 'boolean', value, range: NO_RANGE }
    case 'number':
      if (!Number.isFinite(value)) throw new NotJson(path, `${String(value)} is not a JSON number`)
      return { type: 'number', value, raw: String(value), range: NO_RANGE }
    case 'object': {
      if (value === null) return { type: 'null', range: NO_RANGE }
      if (depth >= maxDepth) throw new NotJson(path, `nesting is deeper than ${maxDepth} levels`)
      if (Array.isArray(value)) {
        const items = value.map((item, i) => convert(item, `${path}[${i}]`, depth + 1, maxDepth))
        return { type: 'array', items, range: NO_RANGE }
      }
      const members: JsonMember[] = []
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        members.push({ key, keyRange: NO_RANGE, value: convert(v, `${path}[${JSON.stringify(key)}]`, depth + 1, maxDepth) })
      }
      return { type: 'object', members, range: NO_RANGE }
    }
    default:
      throw new NotJson(path, `a value of type ${typeof value} is not JSON`)
  }
}

/** Converts a JavaScript value to a position-less JSON node tree. */
export function nodeFromValue(value: unknown, maxDepth: number = DEFAULT_MAX_DEPTH): NodeFromValueResult {
  try {
    return { node: convert(value, '$', 0, maxDepth), error: undefined }
  } catch (e) {
    if (e instanceof NotJson) return { node: undefined, error: { path: e.path, message: e.message } }
    // Getters on exotic objects may throw anything; it is still bad input.
    return { node: undefined, error: { path: '$', message: String(e) } }
  }
}
