/**
 * Query protocol responses: `<XResponse xmlns=...><XResult>...</XResult><ResponseMetadata>`,
 * written straight from the model into one string (no DOM, no generic serializer).
 */
import { serviceModel, shapeOf } from './model.js'
import type { ServiceModel, ServiceName, Shape } from './model-types.js'
import { xmlEscape } from './xml-escape.js'

/** An operation's output as handlers return it: model member names, Date for timestamps. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- shaped by the model, checked while encoding
export type OutputObject = Record<string, any>

/** The XML body of a successful `operation` response. Throws on an unknown operation (a wiring bug). */
export function encodeResponse(service: ServiceName, operation: string, output: OutputObject | undefined, requestId: string): string {
  const model = serviceModel(service)
  const op = model.operations[operation]
  if (op === undefined) throw new Error(`${service} has no operation ${operation}`)
  let xml = `<${operation}Response xmlns="${model.xmlNamespace}">`
  if (op.resultWrapper !== undefined) {
    xml += `<${op.resultWrapper}>`
    if (op.output !== undefined && output !== undefined) xml += writeMembers(model, op.output, output)
    xml += `</${op.resultWrapper}>`
  }
  xml += `<ResponseMetadata><RequestId>${xmlEscape(requestId)}</RequestId></ResponseMetadata></${operation}Response>`
  return xml
}

interface MemberPlan {
  name: string
  tag: string
  shapeName: string
  shape: Shape
  flat: boolean
}

// Resolved once per structure: encoding then does no name or shape lookups per member.
const plans = new WeakMap<object, MemberPlan[]>()

function planFor(model: ServiceModel, shapeName: string): MemberPlan[] {
  const shape = shapeOf(model, shapeName)
  if (shape.type !== 'structure') throw new TypeError(`${shapeName} is not a structure`)
  let plan = plans.get(shape)
  if (plan === undefined) {
    plan = Object.entries(shape.members).map(([name, ref]) => {
      const target = shapeOf(model, ref.shape)
      return { name, tag: ref.locationName ?? name, shapeName: ref.shape, shape: target, flat: target.type === 'list' && (target.flattened === true || ref.flattened === true) }
    })
    plans.set(shape, plan)
  }
  return plan
}

/** The members of structure `shapeName` in model order; absent members are omitted. */
function writeMembers(model: ServiceModel, shapeName: string, value: OutputObject): string {
  let xml = ''
  for (const m of planFor(model, shapeName)) {
    const v: unknown = value[m.name]
    if (v === undefined || v === null) continue
    if (m.flat && m.shape.type === 'list') xml += writeFlatList(model, m.shape.memberName ?? m.tag, m.shape.member, v, m.name)
    else xml += `<${m.tag}>${writeValue(model, m.shape, m.shapeName, v, m.name)}</${m.tag}>`
  }
  return xml
}

function writeFlatList(model: ServiceModel, tag: string, memberShape: string, v: unknown, name: string): string {
  if (!Array.isArray(v)) throw new TypeError(`${name}: expected an array`)
  const shape = shapeOf(model, memberShape)
  let xml = ''
  for (const item of v) xml += `<${tag}>${writeValue(model, shape, memberShape, item, name)}</${tag}>`
  return xml
}

/**
 * A frozen structure never changes, so its XML is written once: handlers freeze the values
 * they repeat across responses (the simulator's matched statements). Keyed by shape name too,
 * in case one object is ever written as two shapes.
 */
const frozenXml = new WeakMap<object, { shapeName: string; xml: string }>()

function writeStructure(model: ServiceModel, shapeName: string, v: object): string {
  if (!Object.isFrozen(v)) return writeMembers(model, shapeName, v as OutputObject)
  const hit = frozenXml.get(v)
  if (hit !== undefined && hit.shapeName === shapeName) return hit.xml
  const xml = writeMembers(model, shapeName, v as OutputObject)
  frozenXml.set(v, { shapeName, xml })
  return xml
}

/** The content of one element holding `v` of `shape`. */
function writeValue(model: ServiceModel, shape: Shape, shapeName: string, v: unknown, name: string): string {
  switch (shape.type) {
    case 'structure':
      if (typeof v !== 'object' || v === null) throw new TypeError(`${name}: expected an object`)
      return writeStructure(model, shapeName, v)
    case 'list': {
      if (!Array.isArray(v)) throw new TypeError(`${name}: expected an array`)
      const tag = shape.memberName ?? 'member'
      const itemShape = shapeOf(model, shape.member)
      let xml = ''
      for (const item of v) xml += `<${tag}>${writeValue(model, itemShape, shape.member, item, name)}</${tag}>`
      return xml
    }
    case 'map': {
      const entries = v instanceof Map ? [...(v as Map<unknown, unknown>).entries()] : Object.entries(v as object)
      const keyTag = shape.keyName ?? 'key'
      const valueTag = shape.valueName ?? 'value'
      const keyShape = shapeOf(model, shape.key)
      const valueShape = shapeOf(model, shape.value)
      let xml = ''
      for (const [k, item] of entries) {
        xml += `<entry><${keyTag}>${writeValue(model, keyShape, shape.key, k, name)}</${keyTag}>`
        xml += `<${valueTag}>${writeValue(model, valueShape, shape.value, item, name)}</${valueTag}></entry>`
      }
      return xml
    }
    case 'boolean':
      return v ? 'true' : 'false'
    case 'timestamp':
      return formatTimestamp(v, name)
    case 'blob':
      return v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : xmlEscape(String(v))
    case 'integer':
    case 'long':
      if (typeof v !== 'number' && typeof v !== 'bigint') throw new TypeError(`${name}: expected a number`)
      return String(v)
    case 'string':
      return xmlEscape(String(v))
  }
}

/** ISO-8601 in UTC; whole seconds print without `.000`, as IAM prints its dates. */
export function formatTimestamp(v: unknown, name = 'timestamp'): string {
  const date = v instanceof Date ? v : typeof v === 'number' || typeof v === 'string' ? new Date(v) : undefined
  const t = date === undefined ? NaN : date.getTime()
  if (Number.isNaN(t)) throw new TypeError(`${name}: expected a date`)
  // Responses in one second mostly print the same instants (expirations, creation dates).
  if (t === lastTime) return lastText
  const iso = date!.toISOString()
  lastText = iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso
  lastTime = t
  return lastText
}

let lastTime = NaN
let lastText = ''
