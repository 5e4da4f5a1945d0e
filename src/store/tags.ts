import { StoreError } from './errors.js'
import type { Tag } from './types.js'

/**
 * `current` with `added` applied: a key already present (compared case-insensitively, as
 * IAM does) is overwritten in place; LimitExceeded when the result passes `limit`.
 */
export function mergeTags(current: Tag[], added: Tag[], limit: number): Tag[] {
  const out = current.map((t) => ({ ...t }))
  for (const tag of added) {
    const at = out.findIndex((t) => t.key.toLowerCase() === tag.key.toLowerCase())
    if (at >= 0) out[at] = { key: tag.key, value: tag.value }
    else out.push({ key: tag.key, value: tag.value })
  }
  if (out.length > limit) {
    throw new StoreError('LimitExceeded', `The number of tags has reached the maximum limit of ${limit}.`)
  }
  return out
}

/** `current` without the given keys (case-insensitive). */
export function removeTags(current: Tag[], keys: string[]): Tag[] {
  const drop = new Set(keys.map((k) => k.toLowerCase()))
  return current.filter((t) => !drop.has(t.key.toLowerCase()))
}
