/**
 * Marker/MaxItems paging of short lists the store returns whole (at most 50 tags, 2
 * access keys): the Marker is the index of the next item.
 */
import type { Page, Tag } from '../../store/index.js'
import { iamError } from '../shared/errors.js'
import { pageOutput } from '../shared/paging.js'
import { toApiTags } from '../shared/tags.js'

/** One page of `items`; InvalidInput for a Marker this never issued. */
export function pageInMemory<T>(items: readonly T[], marker: string | undefined, maxItems: number | undefined): Page<T> {
  let start = 0
  if (marker !== undefined) {
    start = /^\d{1,6}$/.test(marker) ? Number(marker) : NaN
    if (Number.isNaN(start) || start > items.length) throw iamError('InvalidInput', 'Invalid Marker.')
  }
  const size = maxItems ?? 100
  const truncated = start + size < items.length
  const page: Page<T> = { items: items.slice(start, start + size), isTruncated: truncated }
  if (truncated) page.marker = String(start + size)
  return page
}

/** ListRoleTags / ListInstanceProfileTags output: one page of a resource's tags. */
export function tagPage(tags: Tag[], marker: string | undefined, maxItems: number | undefined): Record<string, unknown> {
  const page = pageInMemory(tags, marker, maxItems)
  return { Tags: toApiTags(page.items), ...pageOutput(page) }
}
