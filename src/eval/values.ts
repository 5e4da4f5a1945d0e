/**
 * Parsing of typed condition values: numbers, dates, booleans, base64. Each returns
 * undefined for a malformed value; a malformed value never matches (AWS rejects most of
 * them when the policy is saved, and a request value of the wrong type fails the test).
 */

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/** Parses an integer or decimal as IAM's Numeric operators accept it. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim()
  if (!NUMBER.test(t)) return undefined
  const n = Number(t)
  return Number.isFinite(n) ? n : undefined
}

const ISO_PREFIX = /^\d{4}-\d{2}-\d{2}(T|$)/
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/
const EPOCH = /^-?\d+$/

/**
 * Parses a Date operator value to epoch milliseconds: ISO-8601 (`2020-01-01`,
 * `2020-01-01T00:00:01Z`, with fractions or an offset, or the basic `20200101T000001Z`)
 * or epoch seconds (`1577836801`), as the Date condition operators accept.
 */
export function parseDate(text: string): number | undefined {
  const t = text.trim()
  if (EPOCH.test(t)) return Number(t) * 1000
  const basic = ISO_BASIC.exec(t)
  if (basic) {
    const [, y, mo, d, h, mi, s] = basic
    return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))
  }
  if (!ISO_PREFIX.test(t)) return undefined
  // A date-time without a zone is read as UTC, like a bare date.
  const withZone = /T.*(Z|[+-]\d{2}:?\d{2})$/i.test(t) || !t.includes('T') ? t : `${t}Z`
  const ms = Date.parse(withZone)
  return Number.isNaN(ms) ? undefined : ms
}

/** Normalises a Bool operand: `true`/`false` in any case; undefined otherwise. */
export function parseBool(text: string): 'true' | 'false' | undefined {
  const t = text.trim().toLowerCase()
  return t === 'true' ? 'true' : t === 'false' ? 'false' : undefined
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/
const B64_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Decodes base64 into a byte string (one char per byte); undefined when malformed. */
export function decodeBase64(text: string): string | undefined {
  const t = text.trim()
  if (t.length % 4 !== 0 || !B64.test(t)) return undefined
  let out = ''
  let bits = 0
  let acc = 0
  for (let i = 0; i < t.length; i++) {
    const c = t[i] as string
    if (c === '=') break
    acc = (acc << 6) | B64_CHARS.indexOf(c)
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out += String.fromCharCode((acc >> bits) & 0xff)
    }
  }
  return out
}
