/**
 * The ARN (with its real path) and tags of an existing IAM entity, cached per store
 * revision. Authorizing a call on a role, user, group, managed policy, instance profile or
 * MFA device needs both (the resource ARN, then its aws:ResourceTag keys); without this
 * cache each costs a store read on every request, on top of the handler's own.
 *
 * Sound because a path change (rename, UpdateUser NewPath), a tag change and a deletion
 * all move the revision (Store.getRevision); a create does not, so absence is never cached.
 */
import { createLruCache, type LruCache } from '../eval/index.js'
import type { Store, Tag } from '../store/index.js'

export type EntityKind = 'role' | 'user' | 'group' | 'policy' | 'instance-profile' | 'mfa' | 'server-certificate'

export interface EntityFacts {
  arn: string
  tags: readonly Tag[]
}

const MAX_ENTRIES = 10_000
const caches = new WeakMap<Store, LruCache<string, { revision: number; facts: EntityFacts }>>()

async function read(store: Store, kind: EntityKind, key: string): Promise<EntityFacts | undefined> {
  switch (kind) {
    case 'role':
      return store.getRole(key)
    case 'user':
      return store.getUser(key)
    case 'group': {
      const group = await store.getGroup(key)
      return group && { arn: group.arn, tags: [] }
    }
    case 'policy':
      return store.getPolicy(key)
    case 'instance-profile':
      return store.getInstanceProfile(key)
    case 'server-certificate':
      return store.getServerCertificate(key)
    case 'mfa': {
      const device = await store.getMfaDevice(key)
      return device && { arn: device.serialNumber, tags: device.tags ?? [] }
    }
  }
}

/**
 * The entity's ARN and tags, or undefined when it does not exist. `key` is the name for
 * roles, users, groups, instance profiles and server certificates (case-insensitive, as IAM names are) and the
 * ARN for managed policies and MFA devices.
 */
export async function entityFacts(store: Store, kind: EntityKind, key: string): Promise<EntityFacts | undefined> {
  let cache = caches.get(store)
  if (!cache) caches.set(store, (cache = createLruCache(MAX_ENTRIES)))
  const revision = await store.getRevision()
  const cacheKey = `${kind}\0${kind === 'policy' || kind === 'mfa' ? key : key.toLowerCase()}`
  const hit = cache.get(cacheKey)
  if (hit && hit.revision === revision) return hit.facts
  const record = await read(store, kind, key)
  if (!record) return undefined
  const facts = { arn: record.arn, tags: record.tags ?? [] }
  cache.set(cacheKey, { revision, facts })
  return facts
}
