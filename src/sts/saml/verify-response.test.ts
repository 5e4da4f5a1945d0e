import { describe, expect, it } from 'vitest'
import { IDP_CERT, idpMetadata, samlResponse, samlResponseXml, STRANGER_CERT, STRANGER_KEY, type ResponseOptions } from '../../../test/helpers/saml-idp.js'
import { awsErrorOf } from '../../iam/roles/expect-aws-error.js'
import type { SamlProviderRecord } from '../../store/index.js'
import { verifySamlResponse } from './verify-response.js'

const ACCT = '123456789012'
const provider = (metadataDocument = idpMetadata()): SamlProviderRecord => ({
  name: 'Okta',
  arn: `arn:aws:iam::${ACCT}:saml-provider/Okta`,
  uuid: 'SAMLABCDEFGHIJKLMNOPQR',
  metadataDocument,
  createDate: new Date(),
  validUntil: new Date(Date.now() + 3600_000),
  privateKeys: [],
  tags: []
})
const base: ResponseOptions = { roleArn: `arn:aws:iam::${ACCT}:role/saml-dev`, providerArn: `arn:aws:iam::${ACCT}:saml-provider/Okta` }
const b64 = (xml: string) => Buffer.from(xml).toString('base64')

function refusal(assertion: string, p = provider()): { code: string; message: string } {
  try {
    verifySamlResponse(assertion, p, new Date())
  } catch (err) {
    return awsErrorOf(err)
  }
  throw new Error('expected the response to be refused')
}

describe('SAML response verification', () => {
  it('accepts a response whose assertion, response, or both are signed by the metadata certificate', () => {
    for (const sign of ['assertion', 'response', 'both'] as const) {
      const v = verifySamlResponse(samlResponse({ ...base, sign, subject: 'alice-123' }), provider(), new Date())
      expect(v.recipient).toBe('https://signin.aws.amazon.com/saml')
      expect(v.assertion.subject).toBe('alice-123')
      expect(v.assertion.issuer).toBe('https://idp.warden.test/saml/metadata')
      expect(v.assertion.attributes.get('https://aws.amazon.com/SAML/Attributes/Role')).toEqual([`${base.roleArn},${base.providerArn}`])
    }
  })

  it('verifies with any signing certificate of the metadata (rotation)', () => {
    const p = provider(idpMetadata({ certs: [STRANGER_CERT] }))
    expect(refusal(samlResponse(base), p)).toEqual({ code: 'InvalidIdentityToken', message: 'Response signature invalid' })
    const both = provider(idpMetadata({ certs: [STRANGER_CERT, IDP_CERT] }))
    expect(() => verifySamlResponse(samlResponse({ ...base, key: STRANGER_KEY, cert: STRANGER_CERT }), both, new Date())).not.toThrow()
    expect(() => verifySamlResponse(samlResponse(base), both, new Date())).not.toThrow()
  })

  it('refuses unsigned, foreign-signed and tampered responses', () => {
    const invalid = { code: 'InvalidIdentityToken', message: 'Response signature invalid' }
    expect(refusal(samlResponse({ ...base, sign: 'none' }))).toEqual(invalid)
    expect(refusal(samlResponse({ ...base, key: STRANGER_KEY, cert: STRANGER_CERT }))).toEqual(invalid)
    expect(refusal(samlResponse({ ...base, tamper: (x) => x.replace('saml-dev', 'admin') }))).toEqual(invalid)
    expect(refusal(samlResponse({ ...base, tamper: (x) => x.replace('>alice<', '>mallory<') }))).toEqual(invalid)
    // Two signatures, one of which does not verify.
    expect(refusal(samlResponse({ ...base, sign: 'both', tamper: (x) => x.replace(/(<ds:SignatureValue>)(.)/, (_, t, c) => `${t}${c === 'A' ? 'B' : 'A'}`) }))).toEqual(invalid)
  })

  it('resists signature wrapping: an injected assertion beside or around the signed one is never read', () => {
    const signed = samlResponseXml({ ...base, subject: 'alice' })
    const evil = samlResponseXml({ ...base, sign: 'none', subject: 'mallory', roleArn: `arn:aws:iam::${ACCT}:role/admin` })
    const evilAssertion = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(evil)![0]
    const goodAssertion = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(signed)![0]
    const goodId = /<saml:Assertion ID="([^"]+)"/.exec(goodAssertion)![1]!
    const sig = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(goodAssertion)![0]
    // 1. The evil assertion first, the signed one after it.
    expect(refusal(b64(signed.replace(goodAssertion, evilAssertion + goodAssertion))).code).toBe('InvalidIdentityToken')
    // 2. The evil assertion carries the good signature, the good assertion hidden inside it.
    const wrapped = evilAssertion.replace('<saml:Subject>', `${sig}<saml:Extensions>${goodAssertion.replace(sig, '')}</saml:Extensions><saml:Subject>`)
    expect(refusal(b64(signed.replace(goodAssertion, wrapped)))).toEqual({ code: 'InvalidIdentityToken', message: 'Response signature invalid' })
    // 3. Same, with the evil assertion taking the good one's ID.
    const sameId = wrapped.replace(/^<saml:Assertion ID="[^"]+"/, `<saml:Assertion ID="${goodId}"`)
    expect(refusal(b64(signed.replace(goodAssertion, sameId)))).toEqual({ code: 'InvalidIdentityToken', message: 'Response signature invalid' })
  })

  it('checks issuer, validity window, audience, recipient and status, with AWS words', () => {
    expect(refusal(samlResponse({ ...base, issuer: 'https://other-idp.example.com' }))).toEqual({ code: 'InvalidIdentityToken', message: 'Issuer not present in specified provider' })
    const expired = refusal(samlResponse({ ...base, notBefore: new Date(Date.now() - 3600_000), notOnOrAfter: new Date(Date.now() - 600_000) }))
    expect(expired.code).toBe('ExpiredTokenException')
    expect(expired.message).toMatch(/^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/)
    expect(refusal(samlResponse({ ...base, notBefore: new Date(Date.now() + 600_000), notOnOrAfter: new Date(Date.now() + 1200_000) })).code).toBe('InvalidIdentityToken')
    expect(refusal(samlResponse({ ...base, audience: 'https://someone-else.example.com' }))).toEqual({ code: 'InvalidIdentityToken', message: 'Response does not contain the required audience.' })
    expect(refusal(samlResponse({ ...base, recipient: 'https://evil.example.com/saml' }))).toEqual({ code: 'InvalidIdentityToken', message: 'Response does not contain the required audience.' })
    expect(refusal(samlResponse({ ...base, status: 'urn:oasis:names:tc:SAML:2.0:status:Requester' })).code).toBe('InvalidIdentityToken')
    expect(() => verifySamlResponse(samlResponse({ ...base, audience: 'https://signin.aws.amazon.com/saml' }), provider(), new Date())).not.toThrow()
  })

  it('refuses what is not a SAML response, and any DOCTYPE (no entity is ever expanded)', () => {
    for (const junk of ['!!!notbase64', b64('not xml'), b64('<a/>'), b64('<!DOCTYPE r [<!ENTITY x "y">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&x;</samlp:Response>')]) {
      expect(refusal(junk).code).toBe('InvalidIdentityToken')
    }
  })

  it('refuses providers whose assertions must be encrypted, and metadata past its validUntil', () => {
    expect(refusal(samlResponse(base), { ...provider(), assertionEncryptionMode: 'Required' }).code).toBe('InvalidIdentityToken')
    expect(refusal(samlResponse(base), { ...provider(), validUntil: new Date(Date.now() - 1000) }).code).toBe('InvalidIdentityToken')
  })
})
