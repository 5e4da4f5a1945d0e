/** ISO-8601 basic timestamps (`20150830T123600Z`) as SigV4 uses them, and the HTTP Date header. */

function digitsAt(text: string, start: number, count: number): number {
  let value = 0
  for (let i = start; i < start + count; i++) {
    const c = text.charCodeAt(i) - 0x30
    if (c < 0 || c > 9) return -1
    value = value * 10 + c
  }
  return value
}

/** Parses `YYYYMMDDTHHMMSSZ`; undefined unless it is exactly that form and a real instant. */
export function parseAmzDate(text: string): Date | undefined {
  if (text.length !== 16 || text[8] !== 'T' || text[15] !== 'Z') return undefined
  const year = digitsAt(text, 0, 4)
  const month = digitsAt(text, 4, 2)
  const day = digitsAt(text, 6, 2)
  const hour = digitsAt(text, 9, 2)
  const minute = digitsAt(text, 11, 2)
  const second = digitsAt(text, 13, 2)
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second))
  // Date.UTC rolls 31 February over into March; a rolled-over day is not a date.
  return date.getUTCDate() === day ? date : undefined
}

/** Parses a `Date` header: ISO-8601 basic, or the HTTP (RFC 7231) form. */
export function parseHttpDate(text: string): Date | undefined {
  const basic = parseAmzDate(text)
  if (basic) return basic
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : new Date(ms - (ms % 1000))
}

/** Formats an instant as `YYYYMMDDTHHMMSSZ` (milliseconds dropped). */
export function formatAmzDate(date: Date): string {
  const iso = date.toISOString()
  // toISOString gives ±YYYYYY for years past 9999; SigV4 has no form for them.
  const offset = iso.length - 24
  return iso.slice(0, 4 + offset) + iso.slice(5 + offset, 7 + offset) + iso.slice(8 + offset, 10 + offset) + 'T' + iso.slice(11 + offset, 13 + offset) + iso.slice(14 + offset, 16 + offset) + iso.slice(17 + offset, 19 + offset) + 'Z'
}
