import type { HeaderValue } from './types.js'

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d
}

/** A header value trimmed, with every run of whitespace (folded lines too) collapsed to one space. */
export function canonicalHeaderValue(value: string): string {
  let needsWork = value.length > 0 && (isSpace(value.charCodeAt(0)) || isSpace(value.charCodeAt(value.length - 1)))
  for (let i = 0; i < value.length && !needsWork; i++) {
    const c = value.charCodeAt(i)
    if (c !== 0x20 ? isSpace(c) : isSpace(value.charCodeAt(i + 1))) needsWork = true
  }
  if (!needsWork) return value
  let out = ''
  let pendingSpace = false
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (isSpace(c)) {
      pendingSpace = out.length > 0
    } else {
      if (pendingSpace) out += ' '
      pendingSpace = false
      out += value[i]
    }
  }
  return out
}

/** Repeated headers are joined with commas, each value canonicalised on its own. */
export function canonicalHeaderValues(value: HeaderValue): string {
  if (typeof value === 'string') return canonicalHeaderValue(value)
  let out = ''
  for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalHeaderValue(value[i]!)
  return out
}

/** The canonical headers block: `name:value\n` for each signed header present, in signed order. */
export function getCanonicalHeaders(headers: Readonly<Record<string, HeaderValue | undefined>>, signedHeaders: readonly string[]): string {
  let out = ''
  for (const name of signedHeaders) {
    const value = headers[name]
    // A header the client listed but did not send is left out, which makes the signature fail.
    if (value === undefined) continue
    out += name + ':' + canonicalHeaderValues(value) + '\n'
  }
  return out
}

/** The first value of a header, whether it arrived once or repeated. */
export function firstHeaderValue(value: HeaderValue | undefined): string | undefined {
  if (value === undefined || typeof value === 'string') return value
  return value[0]
}
