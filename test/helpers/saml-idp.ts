/**
 * A test SAML 2.0 identity provider: its metadata document (with the fixture certificate)
 * and base64 SAML responses for AWS, signed with xml-crypto (RSA-SHA256, exclusive c14n),
 * on the assertion, the response or both, with any field overridable for negative tests.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SignedXml } from 'xml-crypto'

const dir = join(import.meta.dirname, '..', 'fixtures', 'saml')
export const IDP_KEY = readFileSync(join(dir, 'idp.key.pem'), 'utf8')
export const IDP_CERT = readFileSync(join(dir, 'idp.cert.pem'), 'utf8')
export const STRANGER_KEY = readFileSync(join(dir, 'stranger.key.pem'), 'utf8')
export const STRANGER_CERT = readFileSync(join(dir, 'stranger.cert.pem'), 'utf8')
export const ENTITY_ID = 'https://idp.warden.test/saml/metadata'
export const AWS_RECIPIENT = 'https://signin.aws.amazon.com/saml'

const certBody = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')

/** IdP metadata naming `entityId`, signing with `certs`. */
export function idpMetadata(options: { entityId?: string; certs?: string[]; validUntil?: string } = {}): string {
  const keys = (options.certs ?? [IDP_CERT]).map((c) => `
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${certBody(c)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>`).join('')
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${esc(options.entityId ?? ENTITY_ID)}"${options.validUntil ? ` validUntil="${options.validUntil}"` : ''}>
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keys}
    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.warden.test/saml/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`
}

export interface ResponseOptions {
  roleArn: string
  providerArn: string
  sessionName?: string | null
  subject?: string
  issuer?: string
  audience?: string
  recipient?: string
  notBefore?: Date
  notOnOrAfter?: Date
  status?: string
  /** Extra attributes: name -> values. */
  attributes?: Record<string, string[]>
  /** Which element to sign: the assertion (default), the response, both, or none. */
  sign?: 'assertion' | 'response' | 'both' | 'none'
  key?: string
  cert?: string
  /** Rewrites the XML after signing (for tampering). */
  tamper?: (xml: string) => string
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z')

function signElement(xml: string, localName: 'Assertion' | 'Response', key: string, cert: string): string {
  const sig = new SignedXml({
    privateKey: key,
    publicCert: cert,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#'
  })
  const target = `/*[local-name(.)='Response']${localName === 'Assertion' ? "/*[local-name(.)='Assertion']" : ''}`
  sig.addReference({
    xpath: target,
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256'
  })
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: `${target}/*[local-name(.)='Issuer']`, action: 'after' } })
  return sig.getSignedXml()
}

/** The XML of a SAML response (before base64). */
export function samlResponseXml(o: ResponseOptions): string {
  const now = Date.now()
  const notBefore = o.notBefore ?? new Date(now - 60_000)
  const notOnOrAfter = o.notOnOrAfter ?? new Date(now + 5 * 60_000)
  const attrs: Record<string, string[]> = {
    'https://aws.amazon.com/SAML/Attributes/Role': [`${o.roleArn},${o.providerArn}`],
    ...(o.sessionName === null ? {} : { 'https://aws.amazon.com/SAML/Attributes/RoleSessionName': [o.sessionName ?? 'alice@example.com'] }),
    ...o.attributes
  }
  const attributeXml = Object.entries(attrs).map(([name, values]) =>
    `<saml:Attribute Name="${esc(name)}">${values.map((v) => `<saml:AttributeValue>${esc(v)}</saml:AttributeValue>`).join('')}</saml:Attribute>`).join('')
  const issuer = esc(o.issuer ?? ENTITY_ID)
  let xml = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${randomUUID()}" Version="2.0" IssueInstant="${iso(new Date(now))}" Destination="${AWS_RECIPIENT}">` +
    `<saml:Issuer>${issuer}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="${o.status ?? 'urn:oasis:names:tc:SAML:2.0:status:Success'}"/></samlp:Status>` +
    `<saml:Assertion ID="_${randomUUID()}" Version="2.0" IssueInstant="${iso(new Date(now))}">` +
    `<saml:Issuer>${issuer}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${esc(o.subject ?? 'alice')}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${iso(notOnOrAfter)}" Recipient="${esc(o.recipient ?? AWS_RECIPIENT)}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${iso(notBefore)}" NotOnOrAfter="${iso(notOnOrAfter)}"><saml:AudienceRestriction><saml:Audience>${esc(o.audience ?? 'urn:amazon:webservices')}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${iso(new Date(now))}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>${attributeXml}</saml:AttributeStatement>` +
    `</saml:Assertion></samlp:Response>`
  const sign = o.sign ?? 'assertion'
  const key = o.key ?? IDP_KEY
  const cert = o.cert ?? IDP_CERT
  if (sign === 'assertion' || sign === 'both') xml = signElement(xml, 'Assertion', key, cert)
  if (sign === 'response' || sign === 'both') xml = signElement(xml, 'Response', key, cert)
  return o.tamper ? o.tamper(xml) : xml
}

/** A base64 SAML response, as AssumeRoleWithSAML takes it. */
export function samlResponse(o: ResponseOptions): string {
  return Buffer.from(samlResponseXml(o), 'utf8').toString('base64')
}
