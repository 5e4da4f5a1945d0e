import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { isIamError } from '../shared/errors.js'
import { certificateFingerprint } from './certificate.js'

const FX = JSON.parse(readFileSync(new URL('../../../test/fixtures/user-credentials.json', import.meta.url), 'utf8')) as { certificates: string[] }

describe('signing certificate checks', () => {
  it('fingerprints a valid certificate, refuses it once expired (openssl made it valid until 2126)', () => {
    const cert = FX.certificates[0]!
    expect(certificateFingerprint(cert, new Date())).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
    expect(certificateFingerprint(cert, new Date())).not.toBe(certificateFingerprint(FX.certificates[1]!, new Date()))
    let caught: unknown
    try {
      certificateFingerprint(cert, new Date('2127-01-01T00:00:00Z'))
    } catch (err) {
      caught = err
    }
    expect(isIamError(caught, 'MalformedCertificate')).toBe(true)
  })
})
