import { StoreError } from './errors.js'
import type { Page, PageRequest } from './types.js'

/** AWS's MaxItems default and ceiling. */
export const DEFAULT_MAX_ITEMS = 100
export const MAX_MAX_ITEMS = 1000

/** A decoded marker: the sort key of the last item on the previous page. */
export type CursorKey = (string | number)[]

/** The opaque Marker for a page that ended at `key`. */
export function encodeMarker(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url')
}

/** The key inside a Marker; InvalidInput when it is not one this store issued. */
export function decodeMarker(marker: string, arity: number): CursorKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8'))
    if (Array.isArray(key) && key.length === arity && key.every((k) => typeof k === 'string' || typeof k === 'number')) {
      return key as CursorKey
    }
  } catch {
    // fall through: a marker that does not decode is the caller's error
  }
  throw new StoreError('InvalidInput', 'Invalid Marker.', 'marker')
}

/** The validated page size of a request. */
export function pageSize(request: PageRequest | undefined): number {
  const n = request?.maxItems ?? DEFAULT_MAX_ITEMS
  if (!Number.isInteger(n) || n < 1 || n > MAX_MAX_ITEMS) {
    throw new StoreError('InvalidInput', `MaxItems must be between 1 and ${MAX_MAX_ITEMS}.`)
  }
  return n
}

/**
 * Builds a page from `rows` fetched with LIMIT size+1: the extra row only says that
 * another page exists.
 */
export function toPage<R, T>(rows: R[], size: number, map: (row: R) => T, key: (row: R) => CursorKey): Page<T> {
  const truncated = rows.length > size
  const kept = truncated ? rows.slice(0, size) : rows
  const page: Page<T> = { items: kept.map(map), isTruncated: truncated }
  const last = kept[kept.length - 1]
  if (truncated && last !== undefined) page.marker = encodeMarker(key(last))
  return page
}

/** Number of non-whitespace characters: how IAM measures policy size quotas. */
export function policySize(document: string): number {
  return document.replace(/\s/g, '').length
}
