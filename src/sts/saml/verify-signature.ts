/**
 * XML signature verification of a SAML response (XML-DSig, enveloped, RSA-SHA1/256/512,
 * exclusive or inclusive c14n) with xml-crypto, against the SAML provider's metadata
 * certificates only: a certificate inside the response's own KeyInfo is never trusted.
 * What is returned is the XML that the signature covers, re-parsed, never nodes of the
 * original document, so wrapped or injected elements outside the signed part cannot be
 * read (XML signature wrapping).
 */
import { SignedXml } from 'xml-crypto'
import { childElements, NS, parseStrictXml } from '../../iam/saml-providers/index.js'

/** The signed element (a Response or an Assertion), parsed from exactly the bytes its signature covers. */
export interface SignedElement {
  element: Element
  /** Which element the signature was enveloped in. */
  kind: 'Response' | 'Assertion'
}

/** Verifies the enveloped signature of `parent` (a Response or Assertion) with any of `certificates`; the signed element, or undefined. */
export function verifyEnvelopedSignature(xml: string, parent: Element, certificates: string[]): SignedElement | undefined {
  const signatures = childElements(parent, NS.ds, 'Signature')
  if (signatures.length !== 1) return undefined
  const id = parent.getAttribute('ID')
  if (!id) return undefined
  for (const publicCert of certificates) {
    const sig = new SignedXml({ publicCert, getCertFromKeyInfo: () => null })
    let valid = false
    try {
      sig.loadSignature(signatures[0]!)
      valid = sig.checkSignature(xml)
    } catch {
      valid = false
    }
    if (!valid) continue
    const refs = sig.getSignedReferences()
    if (refs.length !== 1) return undefined
    const signed = parseStrictXml(refs[0]!)?.documentElement
    // The signature must cover the very element that holds it.
    if (!signed || signed.namespaceURI !== parent.namespaceURI || signed.localName !== parent.localName || signed.getAttribute('ID') !== id) return undefined
    return { element: signed, kind: parent.localName === 'Response' ? 'Response' : 'Assertion' }
  }
  return undefined
}
