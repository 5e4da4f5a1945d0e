/** Tags between the API shape (`{ Key, Value }`) and the store (`{ key, value }`), and their condition keys. */
import type { ContextValue } from '../../eval/index.js'
import type { Tag } from '../../store/index.js'

/** A tag as the botocore model names its members. */
export interface ApiTag {
  Key: string
  Value: string
}

/** The request's Tags as store tags (an absent list is empty). */
export function toStoreTags(tags: ApiTag[] | undefined): Tag[] {
  return (tags ?? []).map((t) => ({ key: t.Key, value: t.Value ?? '' }))
}

/** Stored tags in the response shape. */
export function toApiTags(tags: Tag[]): ApiTag[] {
  return tags.map((t) => ({ Key: t.key, Value: t.value }))
}

/**
 * The `aws:RequestTag/<key>` and `aws:TagKeys` condition keys for a request carrying
 * `tags` (nothing when it carries none), as Create* and Tag* operations set them.
 */
export function requestTagContext(tags: ApiTag[] | undefined): Record<string, ContextValue> {
  if (tags === undefined || tags.length === 0) return {}
  const context: Record<string, ContextValue> = { 'aws:TagKeys': tags.map((t) => t.Key) }
  for (const t of tags) context[`aws:RequestTag/${t.Key}`] = t.Value ?? ''
  return context
}

/** The `aws:TagKeys` condition key for an Untag* request. */
export function tagKeysContext(keys: string[] | undefined): Record<string, ContextValue> {
  return keys === undefined || keys.length === 0 ? {} : { 'aws:TagKeys': keys }
}
