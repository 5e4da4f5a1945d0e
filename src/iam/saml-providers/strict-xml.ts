/**
 * Parsing untrusted XML (SAML metadata and responses): well-formed or nothing. Documents
 * with a DOCTYPE are refused outright, so no entity is ever declared or expanded; xmldom
 * never fetches anything.
 */
import { DOMParser } from '@xmldom/xmldom'

export const NS = {
  md: 'urn:oasis:names:tc:SAML:2.0:metadata',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  saml: 'urn:oasis:names:tc:SAML:2.0:assertion',
  samlp: 'urn:oasis:names:tc:SAML:2.0:protocol'
} as const

/** The document, or undefined when the text is not well-formed XML or declares a DOCTYPE. */
export function parseStrictXml(text: string): Document | undefined {
  if (/<!DOCTYPE/i.test(text)) return undefined
  let failed = false
  const fail = () => {
    failed = true
  }
  try {
    const doc = new DOMParser({ errorHandler: { warning: () => undefined, error: fail, fatalError: fail } }).parseFromString(text, 'text/xml')
    return failed || !doc.documentElement ? undefined : doc
  } catch {
    return undefined
  }
}

/** Element children of `parent` with this namespace and local name. */
export function childElements(parent: Node, ns: string, localName: string): Element[] {
  const out: Element[] = []
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === localName) out.push(n as Element)
  }
  return out
}

/** Descendant elements of `root` with this namespace and local name, in document order. */
export function descendants(root: Node, ns: string, localName: string): Element[] {
  const out: Element[] = []
  const walk = (node: Node) => {
    for (let n = node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType !== 1) continue
      const e = n as Element
      if (e.namespaceURI === ns && e.localName === localName) out.push(e)
      walk(e)
    }
  }
  walk(root)
  return out
}

/** The concatenated text of an element, trimmed. */
export function textOf(e: Element | undefined): string | undefined {
  return e?.textContent?.trim()
}
