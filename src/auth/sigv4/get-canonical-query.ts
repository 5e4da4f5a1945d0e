import { canonicalizeQueryComponent } from './uri-encode.js'

/** One query parameter as found on the wire (still encoded). */
export interface RawQueryParam {
  key: string
  value: string
}

/** Splits a raw query string into its parameters, in order; a key without `=` has an empty value. */
export function parseRawQuery(query: string): RawQueryParam[] {
  const params: RawQueryParam[] = []
  if (query === '') return params
  let start = 0
  while (start <= query.length) {
    let end = query.indexOf('&', start)
    if (end === -1) end = query.length
    if (end > start) {
      const eq = query.indexOf('=', start)
      if (eq === -1 || eq > end) params.push({ key: query.slice(start, end), value: '' })
      else params.push({ key: query.slice(start, eq), value: query.slice(eq + 1, end) })
    }
    start = end + 1
  }
  return params
}

/**
 * The canonical query string: every parameter re-encoded per RFC 3986, sorted by key then
 * value, joined with `&`. `exclude` drops a parameter by its canonical key (the presigned
 * X-Amz-Signature).
 */
export function getCanonicalQuery(params: readonly RawQueryParam[], exclude?: string): string {
  if (params.length === 0) return ''
  const pairs: [string, string][] = []
  for (const { key, value } of params) {
    const k = canonicalizeQueryComponent(key)
    if (k === exclude) continue
    pairs.push([k, canonicalizeQueryComponent(value)])
  }
  pairs.sort(comparePairs)
  let out = ''
  for (let i = 0; i < pairs.length; i++) out += (i === 0 ? '' : '&') + pairs[i]![0] + '=' + pairs[i]![1]
  return out
}

// Canonical components are ASCII, so UTF-16 order is byte order.
function comparePairs(a: [string, string], b: [string, string]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1
  return 0
}
