import { StoreError } from './errors.js'
import type { Tag } from './types.js'

/** AWS reserves tag keys beginning with `aws:` (in any case) for itself. */
const RESERVED_PREFIX = /^aws:/i

function checkKeys(keys: readonly string[]): void {
  if (keys.some((k) => RESERVED_PREFIX.test(k))) {
    throw new StoreError('InvalidInput', "Tag keys starting with 'aws:' are reserved for internal use.")
  }
}

/**
 * `current` with `added` applied: a key already present (compared case-insensitively, as
 * IAM does) is overwritten in place. InvalidInput when `added` names a key twice (in any
 * case) or a reserved `aws:` key; LimitExceeded when the result passes `limit`.
 */
export function mergeTags(current: Tag[], added: Tag[], limit: number): Tag[] {
  checkKeys(added.map((t) => t.key))
  if (new Set(added.map((t) => t.key.toLowerCase())).size !== added.length) {
    throw new StoreError('InvalidInput', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.')
  }
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

/** `current` without the given keys (case-insensitive); InvalidInput for a reserved `aws:` key. */
export function removeTags(current: Tag[], keys: string[]): Tag[] {
  checkKeys(keys)
  const drop = new Set(keys.map((k) => k.toLowerCase()))
  return current.filter((t) => !drop.has(t.key.toLowerCase()))
}
