/**
 * Verifies a SAML 2.0 response for AssumeRoleWithSAML as STS does: the SAML provider the
 * request names exists; the response is a successful samlp:Response with one assertion;
 * the assertion, or the response around it, carries a valid enveloped signature by a
 * certificate of the provider's metadata (every signature present must verify); the
 * assertion's issuer is the metadata's entity; it is current (NotBefore/NotOnOrAfter, and
 * its bearer confirmation's NotOnOrAfter, with a minute of clock skew); it is for AWS
 * (an Audience and a bearer Recipient of AWS's sign-in endpoint). Errors carry AWS's
 * words where the IAM User Guide's SAML troubleshooting page gives them.
 */
import { childElements, NS, parseSamlMetadata, parseStrictXml } from '../../iam/saml-providers/index.js'
import { awsError, type AwsError } from '../../protocol/index.js'
import type { SamlProviderRecord } from '../../store/index.js'
import { readAssertion, type SamlAssertion } from './read-assertion.js'
import { verifyEnvelopedSignature } from './verify-signature.js'

/** Clock skew allowed on the assertion's validity window. */
export const SAML_CLOCK_SKEW_SECONDS = 60
/** AWS's SAML service provider: its entity id and its sign-in endpoint, global or regional. */
const AWS_AUDIENCE = /^(urn:amazon:webservices|https:\/\/([a-z0-9-]+\.)?signin\.aws\.amazon\.com\/saml)$/
const AWS_RECIPIENT = /^https:\/\/([a-z0-9-]+\.)?signin\.aws\.amazon\.com\/saml$/
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success'

export interface VerifiedSamlResponse {
  assertion: SamlAssertion
  /** The bearer confirmation's Recipient: AWS's endpoint the assertion was addressed to (saml:aud). */
  recipient: string
}

const invalid = (message: string): AwsError => awsError('InvalidIdentityToken', message)

function decode(b64: string): string | undefined {
  const compact = b64.replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined
  return Buffer.from(compact, 'base64').toString('utf8')
}

/** Verifies a base64 SAML response for `provider` at `now`; throws the AwsError STS would answer with. */
export function verifySamlResponse(samlAssertion: string, provider: SamlProviderRecord, now: Date): VerifiedSamlResponse {
  const metadata = parseSamlMetadata(provider.metadataDocument)
  if (!metadata || provider.validUntil.getTime() <= now.getTime()) throw invalid('Specified provider doesn\'t exist or its metadata is no longer valid.')
  const xml = decode(samlAssertion)
  const doc = xml === undefined ? undefined : parseStrictXml(xml)
  const response = doc?.documentElement
  if (!xml || !response || response.namespaceURI !== NS.samlp || response.localName !== 'Response') {
    throw invalid('The SAMLAssertion is not a base64-encoded SAML 2.0 Response.')
  }
  if (childElements(response, NS.saml, 'EncryptedAssertion').length > 0) {
    throw invalid('Encrypted SAML assertions are not supported by Warden: send the assertion signed, unencrypted.')
  }
  if (provider.assertionEncryptionMode === 'Required') throw invalid('The SAML provider requires encrypted assertions (AssertionEncryptionMode is Required).')
  const assertions = childElements(response, NS.saml, 'Assertion')
  if (assertions.length !== 1) throw invalid('The SAML response must contain exactly one Assertion.')

  // Every signature present must verify; the assertion is read only from signed bytes.
  const assertionSigned = childElements(assertions[0]!, NS.ds, 'Signature').length > 0
  const responseSigned = childElements(response, NS.ds, 'Signature').length > 0
  if (!assertionSigned && !responseSigned) throw invalid('Response signature invalid')
  let signedAssertion: Element | undefined
  let signedResponse: Element | undefined
  if (assertionSigned) signedAssertion = verifyEnvelopedSignature(xml, assertions[0]!, metadata.signingCertificates)?.element
  if (responseSigned) signedResponse = verifyEnvelopedSignature(xml, response, metadata.signingCertificates)?.element
  if ((assertionSigned && !signedAssertion) || (responseSigned && !signedResponse)) throw invalid('Response signature invalid')
  if (!signedAssertion) {
    const inside = childElements(signedResponse!, NS.saml, 'Assertion')
    if (inside.length !== 1) throw invalid('Response signature invalid')
    signedAssertion = inside[0]
  }
  const statusSource = signedResponse ?? response
  const status = childElements(statusSource, NS.samlp, 'Status')[0]
  const code = status ? childElements(status, NS.samlp, 'StatusCode')[0]?.getAttribute('Value') : undefined
  if (code !== SUCCESS) throw invalid(`The SAML response does not report success (StatusCode ${code ?? 'missing'}).`)

  const a = readAssertion(signedAssertion!)
  if (!a) throw invalid('The SAML assertion has a date that cannot be read.')
  if (a.issuer !== metadata.entityId) throw invalid('Issuer not present in specified provider')
  const nowSeconds = Math.floor(now.getTime() / 1000)
  const seconds = (d: Date) => Math.floor(d.getTime() / 1000)
  if (a.notBefore && seconds(a.notBefore) - SAML_CLOCK_SKEW_SECONDS > nowSeconds) throw invalid('The SAML assertion is not valid yet (NotBefore).')
  const bearer = a.bearer.filter((b) => b.recipient !== undefined && AWS_RECIPIENT.test(b.recipient))
  const expiry = [a.notOnOrAfter, ...bearer.map((b) => b.notOnOrAfter)].filter((d): d is Date => d !== undefined)
  for (const until of expiry) {
    if (seconds(until) + SAML_CLOCK_SKEW_SECONDS <= nowSeconds) {
      throw awsError('ExpiredTokenException', `Token expired: current date/time ${nowSeconds} must be before the expiration date/time ${seconds(until)}`)
    }
  }
  if (!a.audiences.some((aud) => AWS_AUDIENCE.test(aud)) || bearer.length === 0) throw invalid('Response does not contain the required audience.')
  return { assertion: a, recipient: bearer[0]!.recipient! }
}
