/** Marker/MaxItems between the API shape and the store's page requests. */
import type { Page, PageRequest, PathPageRequest } from '../../store/index.js'

/** The Marker/MaxItems members of a List* input. */
export interface ApiPageInput {
  Marker?: string
  MaxItems?: number
}

/** The store page request for a List* input. */
export function pageRequest(input: ApiPageInput): PageRequest {
  const request: PageRequest = {}
  if (input.Marker !== undefined) request.marker = input.Marker
  if (input.MaxItems !== undefined) request.maxItems = input.MaxItems
  return request
}

/** The store page request for a List* input with PathPrefix. */
export function pathPageRequest(input: ApiPageInput & { PathPrefix?: string }): PathPageRequest {
  const request: PathPageRequest = pageRequest(input)
  if (input.PathPrefix !== undefined) request.pathPrefix = input.PathPrefix
  return request
}

/** IsTruncated and (only when truncated) Marker for a List* output. */
export function pageOutput(page: Page<unknown>): { IsTruncated: boolean; Marker?: string } {
  return page.isTruncated && page.marker !== undefined ? { IsTruncated: true, Marker: page.marker } : { IsTruncated: false }
}

/** Every item of a store listing, following its markers (1,000 per page). */
export async function allPages<T>(list: (request: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = []
  let marker: string | undefined
  do {
    const page = await list(marker === undefined ? { maxItems: 1000 } : { marker, maxItems: 1000 })
    out.push(...page.items)
    marker = page.isTruncated ? page.marker : undefined
  } while (marker !== undefined)
  return out
}
