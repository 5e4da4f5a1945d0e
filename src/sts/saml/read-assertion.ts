/**
 * Reading a verified SAML 2.0 assertion: what STS checks (issuer, validity window,
 * audience, bearer subject confirmation and its recipient) and what it uses (the subject,
 * the Role, RoleSessionName, SourceIdentity and session tag attributes, and the attributes
 * that become `saml:*` condition keys).
 */
import { childElements, descendants, NS, textOf } from '../../iam/saml-providers/index.js'

export interface SamlAssertion {
  issuer: string | undefined
  subject: string | undefined
  /** The NameID Format as given (a URI), if any. */
  subjectFormat: string | undefined
  notBefore: Date | undefined
  notOnOrAfter: Date | undefined
  audiences: string[]
  /** The Recipient and NotOnOrAfter of each bearer SubjectConfirmationData. */
  bearer: { recipient: string | undefined; notOnOrAfter: Date | undefined }[]
  /** Attribute values by attribute Name, in document order. */
  attributes: Map<string, string[]>
}

function date(value: string | null): Date | undefined | null {
  if (value === null || value === '') return undefined
  const d = new Date(value)
  // null marks a date that is present but unreadable.
  return Number.isNaN(d.getTime()) ? null : d
}

/** The fields of an assertion; undefined when a date in it cannot be read. */
export function readAssertion(assertion: Element): SamlAssertion | undefined {
  const subjectEl = childElements(assertion, NS.saml, 'Subject')[0]
  const nameId = subjectEl ? childElements(subjectEl, NS.saml, 'NameID')[0] : undefined
  const conditions = childElements(assertion, NS.saml, 'Conditions')[0]
  const notBefore = date(conditions?.getAttribute('NotBefore') ?? null)
  const notOnOrAfter = date(conditions?.getAttribute('NotOnOrAfter') ?? null)
  if (notBefore === null || notOnOrAfter === null) return undefined
  const audiences = conditions
    ? childElements(conditions, NS.saml, 'AudienceRestriction').flatMap((r) => childElements(r, NS.saml, 'Audience').map((a) => textOf(a) ?? ''))
    : []
  const bearer: SamlAssertion['bearer'] = []
  for (const sc of subjectEl ? childElements(subjectEl, NS.saml, 'SubjectConfirmation') : []) {
    if (sc.getAttribute('Method') !== 'urn:oasis:names:tc:SAML:2.0:cm:bearer') continue
    const data = childElements(sc, NS.saml, 'SubjectConfirmationData')[0]
    const until = date(data?.getAttribute('NotOnOrAfter') ?? null)
    if (until === null) return undefined
    bearer.push({ recipient: data?.getAttribute('Recipient') || undefined, notOnOrAfter: until })
  }
  const attributes = new Map<string, string[]>()
  for (const statement of childElements(assertion, NS.saml, 'AttributeStatement')) {
    for (const attr of childElements(statement, NS.saml, 'Attribute')) {
      const name = attr.getAttribute('Name') ?? ''
      const values = attributes.get(name) ?? []
      for (const v of descendants(attr, NS.saml, 'AttributeValue')) values.push(textOf(v) ?? '')
      attributes.set(name, values)
    }
  }
  return {
    issuer: textOf(childElements(assertion, NS.saml, 'Issuer')[0]),
    subject: textOf(nameId),
    subjectFormat: nameId?.getAttribute('Format') || undefined,
    notBefore,
    notOnOrAfter,
    audiences,
    bearer,
    attributes
  }
}
