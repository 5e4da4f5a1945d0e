/**
 * Gives flat Query parameters the shape of an operation's input, the inverse of
 * botocore's QuerySerializer: `X.member.N` lists (an empty `X=` is an empty list),
 * `X.entry.N.key` / `X.entry.N.value` maps, nested structures by member name, and
 * integers, booleans, timestamps and base64 blobs converted. Unknown parameters are
 * ignored, as AWS ignores them.
 */
import { shapeOf } from './model.js'
import type { ServiceModel, Shape, StructureShape } from './model-types.js'
import type { ParamNode } from './parse-query.js'
import { childPath, elementPath, violation } from './validation-message.js'

/** A decoded input object: model member names (PascalCase) to values. */
export type InputObject = Record<string, unknown>

export interface DecodedInput {
  input: InputObject
  /** Values that could not be converted to their member's type, worded as validation violations. */
  violations: string[]
}

/** Decodes the parameters below `root` as structure `shapeName`. */
export function decodeInput(model: ServiceModel, shapeName: string, root: ParamNode): DecodedInput {
  const violations: string[] = []
  const shape = shapeOf(model, shapeName)
  if (shape.type !== 'structure') throw new Error(`${shapeName} is not a structure`)
  const input = decodeStructure(model, shape, root, '', violations)
  return { input, violations }
}

function decodeStructure(model: ServiceModel, shape: StructureShape, node: ParamNode, path: string, violations: string[]): InputObject {
  const out: InputObject = {}
  if (node.children === undefined) return out
  for (const name in shape.members) {
    const ref = shape.members[name]!
    const child = node.children.get(ref.locationName ?? name)
    if (child === undefined) continue
    const value = decodeValue(model, shapeOf(model, ref.shape), child, childPath(path, name), violations, ref.flattened === true)
    if (value !== undefined) out[name] = value
  }
  return out
}

function decodeValue(model: ServiceModel, shape: Shape, node: ParamNode, path: string, violations: string[], flattened = false): unknown {
  switch (shape.type) {
    case 'structure':
      return node.children === undefined ? undefined : decodeStructure(model, shape, node, path, violations)
    case 'list': {
      const container = shape.flattened || flattened ? node : node.children?.get(shape.memberName ?? 'member')
      const memberShape = shapeOf(model, shape.member)
      return indexed(container).map(([index, item]) => decodeValue(model, memberShape, item, elementPath(path, index), violations))
    }
    case 'map': {
      const container = shape.flattened || flattened ? node : node.children?.get('entry')
      const keyShape = shapeOf(model, shape.key)
      const valueShape = shapeOf(model, shape.value)
      const out: Record<string, unknown> = {}
      for (const [, entry] of indexed(container)) {
        const keyNode = entry.children?.get(shape.keyName ?? 'key')
        const valueNode = entry.children?.get(shape.valueName ?? 'value')
        if (keyNode === undefined || valueNode === undefined) continue
        const key = decodeValue(model, keyShape, keyNode, path, violations)
        if (typeof key === 'string') out[key] = decodeValue(model, valueShape, valueNode, `${path}.${key}`, violations)
      }
      return out
    }
    default:
      return node.value === undefined ? undefined : decodeScalar(shape, node.value, path, violations)
  }
}

/**
 * The numbered children of a list or map container in index order. Indices are 1-based;
 * gaps close up (AWS reads `member.1` and `member.3` as two elements) and other names are ignored.
 */
function indexed(container: ParamNode | undefined): [number, ParamNode][] {
  if (container?.children === undefined) return []
  const out: [number, ParamNode][] = []
  for (const [key, child] of container.children) {
    if (/^[1-9]\d{0,5}$/.test(key)) out.push([Number(key), child])
  }
  out.sort((a, b) => a[0] - b[0])
  return out.map(([, child], i) => [i + 1, child])
}

function decodeScalar(shape: Shape, raw: string, path: string, violations: string[]): unknown {
  switch (shape.type) {
    case 'integer':
    case 'long': {
      const n = /^[+-]?\d{1,16}$/.test(raw.trim()) ? Number(raw.trim()) : NaN
      if (Number.isSafeInteger(n)) return n
      violations.push(violation({ kind: 'value', value: raw }, path, `Member must be of type ${shape.type}`))
      return undefined
    }
    case 'boolean': {
      const lower = raw.trim().toLowerCase()
      if (lower === 'true' || lower === 'false') return lower === 'true'
      violations.push(violation({ kind: 'value', value: raw }, path, 'Member must be of type boolean'))
      return undefined
    }
    case 'timestamp': {
      const date = parseTimestamp(raw)
      if (date !== undefined) return date
      violations.push(violation({ kind: 'value', value: raw }, path, 'Member must be of type timestamp'))
      return undefined
    }
    case 'blob':
      return Buffer.from(raw, 'base64')
    default:
      return raw
  }
}

/** ISO-8601 (what botocore and the SDKs send) or epoch seconds. */
function parseTimestamp(raw: string): Date | undefined {
  const text = raw.trim()
  const date = /^\d+(\.\d+)?$/.test(text) ? new Date(Number(text) * 1000) : /^\d{4}-\d{2}-\d{2}/.test(text) ? new Date(text) : undefined
  return date === undefined || Number.isNaN(date.getTime()) ? undefined : date
}
