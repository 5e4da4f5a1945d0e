/**
 * Checks a decoded input against the model's constraints (required, length, pattern,
 * enum, range) and words each violation as AWS does. Violations come in model member
 * order, depth first, every one reported.
 */
import { compilePattern } from './java-pattern.js'
import { shapeOf } from './model.js'
import type { ServiceModel, Shape } from './model-types.js'
import { childPath, elementPath, violation, type RenderedValue } from './validation-message.js'

/** Every constraint `input` breaks as structure `shapeName`, in AWS's words; empty when valid. */
export function validateInput(model: ServiceModel, shapeName: string, input: Record<string, unknown>): string[] {
  const out: string[] = []
  validateValue(model, shapeOf(model, shapeName), input, '', out)
  return out
}

function validateValue(model: ServiceModel, shape: Shape, value: unknown, path: string, out: string[]): void {
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null) return
      const record = value as Record<string, unknown>
      for (const name in shape.members) {
        const ref = shape.members[name]!
        const member = record[name]
        const memberPath = childPath(path, name)
        if (member === undefined || member === null) {
          if (ref.required) out.push(violation({ kind: 'null' }, memberPath, 'Member must not be null'))
          continue
        }
        validateValue(model, shapeOf(model, ref.shape), member, memberPath, out)
      }
      return
    }
    case 'list': {
      if (!Array.isArray(value)) return
      checkLength(value.length, { kind: 'value', value }, path, shape, out)
      const memberShape = shapeOf(model, shape.member)
      value.forEach((item, i) => {
        if (item !== undefined && item !== null) validateValue(model, memberShape, item, elementPath(path, i + 1), out)
      })
      return
    }
    case 'map': {
      if (typeof value !== 'object' || value === null) return
      const entries = Object.entries(value)
      checkLength(entries.length, { kind: 'value', value }, path, shape, out)
      const keyShape = shapeOf(model, shape.key)
      const valueShape = shapeOf(model, shape.value)
      for (const [k, v] of entries) {
        validateValue(model, keyShape, k, path, out)
        validateValue(model, valueShape, v, `${path}.${k}`, out)
      }
      return
    }
    case 'string': {
      if (typeof value !== 'string') return
      const shown: RenderedValue = shape.sensitive ? { kind: 'hidden' } : { kind: 'value', value }
      checkLength(codePointLength(value), shown, path, shape, out)
      if (shape.pattern !== undefined && !compilePattern(shape.pattern).test(value)) {
        out.push(violation(shown, path, `Member must satisfy regular expression pattern: ${shape.pattern}`))
      }
      if (shape.enum !== undefined && !shape.enum.includes(value)) {
        out.push(violation(shown, path, `Member must satisfy enum value set: [${shape.enum.join(', ')}]`))
      }
      return
    }
    case 'blob':
      if (value instanceof Uint8Array) checkLength(value.byteLength, { kind: 'hidden' }, path, shape, out)
      return
    case 'integer':
    case 'long': {
      if (typeof value !== 'number') return
      if (shape.max !== undefined && value > shape.max) {
        out.push(violation({ kind: 'value', value }, path, `Member must have value less than or equal to ${shape.max}`))
      }
      if (shape.min !== undefined && value < shape.min) {
        out.push(violation({ kind: 'value', value }, path, `Member must have value greater than or equal to ${shape.min}`))
      }
      return
    }
    default:
      return
  }
}

function checkLength(length: number, shown: RenderedValue, path: string, bounds: { min?: number; max?: number }, out: string[]): void {
  if (bounds.max !== undefined && length > bounds.max) {
    out.push(violation(shown, path, `Member must have length less than or equal to ${bounds.max}`))
  }
  if (bounds.min !== undefined && length < bounds.min) {
    out.push(violation(shown, path, `Member must have length greater than or equal to ${bounds.min}`))
  }
}

/** Lengths count code points, as Smithy's length trait does, not UTF-16 units. */
function codePointLength(s: string): number {
  if (!/[\uD800-\uDFFF]/.test(s)) return s.length
  let n = 0
  for (const _ of s) n++
  return n
}
