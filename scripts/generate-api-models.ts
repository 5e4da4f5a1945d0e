/**
 * Writes src/protocol/models/{iam,sts}.json: a compact form of the botocore service
 * models (Apache-2.0, see src/protocol/models/NOTICE) holding only what the Query
 * protocol layer needs. botocore is located through python3 on this machine.
 *
 * Run with `npx tsx scripts/generate-api-models.ts` after upgrading botocore; commit the output.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import type { MemberRef, OperationModel, ServiceModel, ServiceName, Shape } from '../src/protocol/model-types.js'

interface RawRef {
  shape: string
  locationName?: string
  flattened?: boolean
  resultWrapper?: string
}

interface RawShape {
  type: string
  members?: Record<string, RawRef>
  required?: string[]
  member?: RawRef
  key?: RawRef
  value?: RawRef
  flattened?: boolean
  min?: number
  max?: number
  pattern?: string
  enum?: string[]
  sensitive?: boolean
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean }
  exception?: boolean
}

interface RawModel {
  metadata: { apiVersion: string; xmlNamespace: string; protocol: string }
  operations: Record<string, { name: string; input?: RawRef; output?: RawRef; errors?: RawRef[] }>
  shapes: Record<string, RawShape>
}

const SOURCES: { service: ServiceName; path: string }[] = [
  { service: 'iam', path: 'data/iam/2010-05-08/service-2.json' },
  { service: 'sts', path: 'data/sts/2011-06-15/service-2.json' }
]

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outDir = join(root, 'src', 'protocol', 'models')

function botocoreDir(): { dir: string; version: string } {
  const out = execFileSync('python3', ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__));print(botocore.__version__)'], { encoding: 'utf8' })
  const [dir, version] = out.trim().split('\n')
  if (dir === undefined || version === undefined) throw new Error('python3 did not report botocore')
  return { dir, version }
}

/** Newer botocore releases ship the models gzipped. */
function readModel(dir: string, path: string): RawModel {
  const plain = join(dir, path)
  const text = existsSync(plain) ? readFileSync(plain, 'utf8') : gunzipSync(readFileSync(`${plain}.gz`)).toString('utf8')
  return JSON.parse(text) as RawModel
}

function bounds(raw: RawShape): { min?: number; max?: number } {
  const out: { min?: number; max?: number } = {}
  if (raw.min !== undefined) out.min = raw.min
  if (raw.max !== undefined) out.max = raw.max
  return out
}

function compactShape(name: string, raw: RawShape): Shape {
  switch (raw.type) {
    case 'structure': {
      const required = new Set(raw.required ?? [])
      const members: Record<string, MemberRef> = {}
      for (const [member, ref] of Object.entries(raw.members ?? {})) {
        const out: MemberRef = { shape: ref.shape }
        if (required.has(member)) out.required = true
        if (ref.locationName !== undefined && ref.locationName !== member) out.locationName = ref.locationName
        if (ref.flattened === true) out.flattened = true
        members[member] = out
      }
      if (raw.error !== undefined || raw.exception === true) {
        return {
          type: 'structure',
          members,
          error: { code: raw.error?.code ?? name.replace(/Exception$/, ''), status: raw.error?.httpStatusCode ?? 400, sender: raw.error?.senderFault ?? true }
        }
      }
      return { type: 'structure', members }
    }
    case 'list': {
      if (raw.member === undefined) throw new Error(`list ${name} has no member`)
      return {
        type: 'list',
        member: raw.member.shape,
        ...(raw.member.locationName !== undefined ? { memberName: raw.member.locationName } : {}),
        ...(raw.flattened === true ? { flattened: true as const } : {}),
        ...bounds(raw)
      }
    }
    case 'map': {
      if (raw.key === undefined || raw.value === undefined) throw new Error(`map ${name} lacks key or value`)
      return {
        type: 'map',
        key: raw.key.shape,
        value: raw.value.shape,
        ...(raw.key.locationName !== undefined ? { keyName: raw.key.locationName } : {}),
        ...(raw.value.locationName !== undefined ? { valueName: raw.value.locationName } : {}),
        ...(raw.flattened === true ? { flattened: true as const } : {}),
        ...bounds(raw)
      }
    }
    case 'string':
      return {
        type: 'string',
        ...bounds(raw),
        ...(raw.pattern !== undefined ? { pattern: raw.pattern } : {}),
        ...(raw.enum !== undefined ? { enum: raw.enum } : {}),
        ...(raw.sensitive === true ? { sensitive: true as const } : {})
      }
    case 'integer':
    case 'long':
      return { type: raw.type, ...bounds(raw) }
    case 'blob':
      return { type: 'blob', ...bounds(raw), ...(raw.sensitive === true ? { sensitive: true as const } : {}) }
    case 'boolean':
    case 'timestamp':
      return { type: raw.type }
    default:
      throw new Error(`shape ${name}: unsupported type ${raw.type}`)
  }
}

function compact(service: ServiceName, raw: RawModel): ServiceModel {
  if (raw.metadata.protocol !== 'query') throw new Error(`${service}: expected the query protocol`)
  const operations: Record<string, OperationModel> = {}
  for (const name of Object.keys(raw.operations).sort()) {
    const op = raw.operations[name]!
    const out: OperationModel = {}
    if (op.input !== undefined) out.input = op.input.shape
    if (op.output !== undefined) out.output = op.output.shape
    if (op.output?.resultWrapper !== undefined) out.resultWrapper = op.output.resultWrapper
    if (op.errors !== undefined && op.errors.length > 0) out.errors = op.errors.map((e) => e.shape)
    operations[name] = out
  }
  const shapes: Record<string, Shape> = {}
  for (const name of Object.keys(raw.shapes).sort()) shapes[name] = compactShape(name, raw.shapes[name]!)
  return { service, apiVersion: raw.metadata.apiVersion, xmlNamespace: raw.metadata.xmlNamespace, operations, shapes }
}

/** One operation or shape per line, so regenerating gives a readable diff. */
function format(model: ServiceModel): string {
  const block = (entries: Record<string, unknown>): string =>
    Object.entries(entries).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n')
  return [
    '{',
    `  "service": ${JSON.stringify(model.service)},`,
    `  "apiVersion": ${JSON.stringify(model.apiVersion)},`,
    `  "xmlNamespace": ${JSON.stringify(model.xmlNamespace)},`,
    '  "operations": {',
    block(model.operations),
    '  },',
    '  "shapes": {',
    block(model.shapes),
    '  }',
    '}',
    ''
  ].join('\n')
}

const { dir, version } = botocoreDir()
for (const { service, path } of SOURCES) {
  const model = compact(service, readModel(dir, path))
  const file = join(outDir, `${service}.json`)
  writeFileSync(file, format(model))
  console.log(`${file}: ${Object.keys(model.operations).length} operations, ${Object.keys(model.shapes).length} shapes (botocore ${version})`)
}
writeFileSync(join(outDir, 'SOURCE'), `botocore ${version}\n`)
