/**
 * The role AssumeRole names, with its trust policy parsed, cached per store revision (a
 * trust policy, MaxSessionDuration or deletion change bumps it): assuming a role costs one
 * revision read, no role read and no parse.
 */
import { createLruCache, type LruCache } from '../eval/index.js'
import { parsePolicy, type Policy } from '../policy/index.js'
import type { RoleRecord, Store } from '../store/index.js'

export interface TrustedRole {
  role: RoleRecord
  /** The parsed trust policy; undefined if the stored document no longer parses. */
  trust: Policy | undefined
}

const caches = new WeakMap<Store, LruCache<string, { revision: number; value: TrustedRole }>>()

/** The role with this name and its parsed trust policy; undefined if there is no such role. */
export async function loadTrustedRole(store: Store, name: string): Promise<TrustedRole | undefined> {
  let cache = caches.get(store)
  if (!cache) caches.set(store, (cache = createLruCache(4096)))
  const revision = await store.getRevision()
  const key = name.toLowerCase()
  const hit = cache.get(key)
  if (hit && hit.revision === revision) return hit.value
  const role = await store.getRole(name)
  // Absence is not cached: creating a role does not move the revision.
  if (!role) return undefined
  const value = { role, trust: parsePolicy(role.assumeRolePolicyDocument, { kind: 'trust', sizeLimit: 'none' }).policy }
  cache.set(key, { revision, value })
  return value
}
