/**
 * SAML 2.0 IdP metadata as IAM reads it: one EntityDescriptor with an IDPSSODescriptor, its
 * entityID (the issuer its assertions must name), its signing certificates (KeyDescriptor
 * with use="signing" or no use) and an optional validUntil. IAM keeps the document as
 * uploaded; this reading is done on upload (to refuse a bad document) and again, cached
 * per document, when an assertion is verified.
 */
import { createHash, X509Certificate } from 'node:crypto'
import { childElements, descendants, NS, parseStrictXml, textOf } from './strict-xml.js'

export interface SamlMetadata {
  entityId: string
  /** PEM certificates the IdP signs with. */
  signingCertificates: string[]
  validUntil?: Date
}

/** IAM's quota of signing keys per SAML provider. */
export const MAX_SIGNING_KEYS = 10

const cache = new Map<string, SamlMetadata | undefined>()

function certificate(base64: string): string | undefined {
  try {
    return new X509Certificate(Buffer.from(base64.replace(/\s+/g, ''), 'base64')).toString()
  } catch {
    return undefined
  }
}

function read(text: string): SamlMetadata | undefined {
  const doc = parseStrictXml(text)
  if (!doc) return undefined
  const root = doc.documentElement
  const entities = root.namespaceURI === NS.md && root.localName === 'EntityDescriptor'
    ? [root]
    : root.namespaceURI === NS.md && root.localName === 'EntitiesDescriptor' ? childElements(root, NS.md, 'EntityDescriptor') : []
  const idps = entities.filter((e) => childElements(e, NS.md, 'IDPSSODescriptor').length > 0)
  if (idps.length !== 1) return undefined
  const entity = idps[0]!
  const entityId = entity.getAttribute('entityID') ?? ''
  if (entityId === '') return undefined
  const signingCertificates: string[] = []
  for (const sso of childElements(entity, NS.md, 'IDPSSODescriptor')) {
    for (const kd of childElements(sso, NS.md, 'KeyDescriptor')) {
      const use = kd.getAttribute('use')
      if (use !== null && use !== '' && use !== 'signing') continue
      for (const c of descendants(kd, NS.ds, 'X509Certificate')) {
        const pem = certificate(textOf(c) ?? '')
        if (pem === undefined) return undefined
        signingCertificates.push(pem)
      }
    }
  }
  if (signingCertificates.length === 0) return undefined
  const metadata: SamlMetadata = { entityId, signingCertificates }
  const until = entity.getAttribute('validUntil') || (root !== entity ? root.getAttribute('validUntil') : '')
  if (until) {
    const date = new Date(until)
    if (Number.isNaN(date.getTime())) return undefined
    metadata.validUntil = date
  }
  return metadata
}

/** The metadata a document declares, or undefined when IAM could not use it. Cached per document text. */
export function parseSamlMetadata(text: string): SamlMetadata | undefined {
  // Keyed by digest: documents may be megabytes, and few providers exist.
  const key = createHash('sha256').update(text).digest('base64')
  if (cache.has(key)) return cache.get(key)
  const metadata = read(text)
  if (cache.size >= 256) cache.clear()
  cache.set(key, metadata)
  return metadata
}
