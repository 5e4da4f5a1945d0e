/**
 * RFC 3986 percent-encoding as SigV4 wants it: every byte of the UTF-8 form except the
 * unreserved characters (A-Z a-z 0-9 - . _ ~) becomes %XX with upper-case hex.
 */

const UNRESERVED = new Uint8Array(128)
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c)
  if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch === '-' || ch === '.' || ch === '_' || ch === '~') {
    UNRESERVED[c] = 1
  }
}

const HEX_ESCAPES: string[] = []
for (let b = 0; b < 256; b++) HEX_ESCAPES.push('%' + b.toString(16).toUpperCase().padStart(2, '0'))

const SLASH = 0x2f
const PERCENT = 0x25
const PLUS = 0x2b

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30
  if (code >= 0x41 && code <= 0x46) return code - 0x37
  if (code >= 0x61 && code <= 0x66) return code - 0x57
  return -1
}

/** True when every character is unreserved (or `/` when slashes are kept): the common fast path. */
function isPlain(text: string, keepSlash: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 128 || (UNRESERVED[c] === 0 && !(keepSlash && c === SLASH))) return false
  }
  return true
}

/** Percent-encodes text; `/` is kept when `keepSlash` (for paths). */
export function uriEncode(text: string, keepSlash = false): string {
  if (isPlain(text, keepSlash)) return text
  const bytes = Buffer.from(text, 'utf8')
  let out = ''
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!
    out += (b < 128 && UNRESERVED[b] === 1) || (keepSlash && b === SLASH) ? String.fromCharCode(b) : HEX_ESCAPES[b]!
  }
  return out
}

/**
 * Brings a query-string component, as found on the wire, to its canonical encoding in one
 * pass: valid escapes are decoded (unreserved characters stay plain, others get upper-case
 * hex), everything else is encoded. A raw `+` is a space, as form encoding has it: botocore
 * sends `a+b` for the parameter it signed as `a%20b`, and AWS accepts that.
 */
export function canonicalizeQueryComponent(raw: string): string {
  if (isPlain(raw, false)) return raw
  const bytes = Buffer.from(raw, 'utf8')
  let out = ''
  for (let i = 0; i < bytes.length; i++) {
    let b = bytes[i]!
    if (b === PERCENT && i + 2 < bytes.length) {
      const hi = hexValue(bytes[i + 1]!)
      const lo = hexValue(bytes[i + 2]!)
      if (hi >= 0 && lo >= 0) {
        b = hi * 16 + lo
        i += 2
      }
    } else if (b === PLUS) b = 0x20
    out += b < 128 && UNRESERVED[b] === 1 ? String.fromCharCode(b) : HEX_ESCAPES[b]!
  }
  return out
}

/** Decodes a query-string component into text (`+` is a space); a malformed escape is kept as it is. */
export function decodeQueryComponent(raw: string): string {
  if (raw.indexOf('%') === -1 && raw.indexOf('+') === -1) return raw
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '))
  } catch {
    // Malformed escapes (or invalid UTF-8) are rare: decode what is valid, byte by byte.
    return Buffer.from(canonicalizeQueryComponent(raw).replace(ESCAPE, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')
  }
}

const ESCAPE = /%([0-9A-F]{2})/g
