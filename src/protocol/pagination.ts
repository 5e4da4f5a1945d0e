/**
 * Marker/MaxItems paging for List* operations over an in-memory, key-sorted list. The
 * Marker is opaque to clients but is only the last returned key, so a page resumes
 * after that key: items inserted or deleted meanwhile never shift or repeat a page.
 */
import { awsError, type AwsError } from './errors.js'

/** AWS's MaxItems default and ceiling (the model's maxItemsType is 1..1000). */
export const DEFAULT_MAX_ITEMS = 100
export const MAX_MAX_ITEMS = 1000

/** The Marker and MaxItems members of a List* input. */
export interface PageInput {
  Marker?: string
  MaxItems?: number
}

/** The IsTruncated and Marker members of a List* output, plus the page's items. */
export interface PageResult<T> {
  items: T[]
  IsTruncated: boolean
  /** Present only when truncated, as AWS omits it on the last page. */
  Marker?: string
}

/** The opaque Marker that resumes after `key`. */
export function encodeMarker(key: string): string {
  return Buffer.from(JSON.stringify(['w1', key]), 'utf8').toString('base64url')
}

/** The key inside a Marker this module issued; undefined for anything else. */
export function decodeMarker(marker: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8'))
    if (Array.isArray(parsed) && parsed.length === 2 && parsed[0] === 'w1' && typeof parsed[1] === 'string') return parsed[1]
  } catch {
    // a marker that does not decode is the caller's error, reported below
  }
  return undefined
}

/** The error for a Marker Warden did not issue. */
export function invalidMarker(): AwsError {
  return awsError('InvalidInput', 'Invalid Marker.')
}

/**
 * One page of `items`, which must be sorted by `keyOf` (ascending, by code unit, keys unique).
 * Returns an AwsError for a foreign Marker or an out-of-range MaxItems.
 */
export function paginate<T>(items: readonly T[], keyOf: (item: T) => string, input: PageInput): PageResult<T> | AwsError {
  const size = input.MaxItems ?? DEFAULT_MAX_ITEMS
  if (!Number.isInteger(size) || size < 1 || size > MAX_MAX_ITEMS) {
    return awsError('ValidationError', `1 validation error detected: Value '${size}' at 'maxItems' failed to satisfy constraint: Member must have value ${size < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_MAX_ITEMS}`}`)
  }
  let start = 0
  if (input.Marker !== undefined) {
    const after = decodeMarker(input.Marker)
    if (after === undefined) return invalidMarker()
    start = firstAfter(items, keyOf, after)
  }
  const page = items.slice(start, start + size)
  const truncated = start + size < items.length
  const last = page[page.length - 1]
  return truncated && last !== undefined ? { items: page, IsTruncated: true, Marker: encodeMarker(keyOf(last)) } : { items: page, IsTruncated: false }
}

/** Index of the first item whose key sorts after `key` (binary search). */
function firstAfter<T>(items: readonly T[], keyOf: (item: T) => string, key: string): number {
  let lo = 0
  let hi = items.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (keyOf(items[mid]!) <= key) lo = mid + 1
    else hi = mid
  }
  return lo
}
