/**
 * An IAM response as the `aws` CLI prints it: members in the model's order, policy
 * documents URL-decoded and parsed (botocore's `json_decode_policies`), timestamps as they
 * came on the wire (the CLI v1 default, `cli_timestamp_format = wire`), absent members left
 * out. `warden export` writes this form, so its file and `aws iam
 * get-account-authorization-details` against Warden print the same bytes.
 */
import { formatTimestamp, serviceModel } from '../protocol/index.js'
import type { Shape } from '../protocol/index.js'

const POLICY_DOCUMENT = 'policyDocumentType'

function shape(name: string): Shape {
  const s = serviceModel('iam').shapes[name]
  if (s === undefined) throw new Error(`iam model has no shape ${name}`)
  return s
}

/** A URL-encoded document as botocore hands it to the CLI: parsed JSON, or the text if it is not JSON. */
function decodeDocument(value: string): unknown {
  try {
    return JSON.parse(decodeURIComponent(value)) as unknown
  } catch {
    return value
  }
}

/** `value` (an operation output in handler form: Date timestamps, URL-encoded documents) as the CLI prints it. */
export function toCliJson(shapeName: string, value: unknown): unknown {
  const s = shape(shapeName)
  switch (s.type) {
    case 'structure': {
      const record = value as Record<string, unknown>
      const out: Record<string, unknown> = {}
      for (const [member, ref] of Object.entries(s.members)) {
        const v = record[member]
        if (v === undefined || v === null) continue
        out[member] = ref.shape === POLICY_DOCUMENT && typeof v === 'string' ? decodeDocument(v) : toCliJson(ref.shape, v)
      }
      return out
    }
    case 'list':
      return (value as unknown[]).map((item) => (s.member === POLICY_DOCUMENT && typeof item === 'string' ? decodeDocument(item) : toCliJson(s.member, item)))
    case 'map': {
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toCliJson(s.value, v)
      return out
    }
    case 'timestamp':
      return formatTimestamp(value)
    default:
      return value
  }
}
