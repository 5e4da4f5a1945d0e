// Quotes too: the same escaper serves attribute values; CR survives parsing only as a reference.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#xD;' }
const NEEDS_ESCAPE = /[&<>"'\r]/
const ESCAPE_ALL = /[&<>"'\r]/g

/** `text` safe inside an XML element or attribute value. */
export function xmlEscape(text: string): string {
  // Most values need no escaping; testing first avoids allocating a copy.
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPE_ALL, (c) => ESCAPES[c]!) : text
}
