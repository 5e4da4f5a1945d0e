/**
 * Requests exactly as botocore serialises them (QuerySerializer + AWSRequest) decode
 * back to the parameters the caller passed: the proof that the CLI and boto3 are understood.
 */
import { describe, expect, it } from 'vitest'
import cases from './botocore-requests.cases.json' with { type: 'json' }
import { decodeQueryRequest } from './decode-request.js'
import { botocoreSerialize, type SerializeCase } from './testdata/botocore.js'

interface Case extends SerializeCase {
  name: string
  doc: string
}

const all = cases as Case[]
const bodies = botocoreSerialize(all)

describe('decoding requests serialised by botocore', () => {
  it.each(all.map((c, i) => [c.name, c, bodies[i]!] as const))('%s', (_name, c, body) => {
    const decoded = decodeQueryRequest(c.service, body)
    if (!decoded.ok) throw new Error(`${decoded.error.code}: ${decoded.error.message}`)
    expect(decoded.operation).toBe(c.operation)
    expect(decoded.input).toEqual(c.params)
  })

  it('reads the same parameters from a GET query string', () => {
    const decoded = decodeQueryRequest(all[0]!.service, `?${bodies[0]!}`)
    expect(decoded.ok && decoded.input).toEqual(all[0]!.params)
  })
})
