/**
 * The ARN (with its real path) and tags of an existing IAM entity, cached per store
 * revision. Authorizing a call on a role, user, group, managed policy, instance profile, MFA
 * device or server certificate needs both (the resource ARN, then its aws:ResourceTag keys); without this
 * cache each costs a store read on every request, on top of the handler's own.
 *
 * Sound because a path change (rename, UpdateUser NewPath), a tag change and a deletion
 * all move the revision (Store.getRevision); a create does not, so absence is never cached.
 */
import type { Store, Tag } from '../store/index.js'
import { perRevisionCache } from './revision.js'

export type EntityKind = 'role' | 'user' | 'group' | 'policy' | 'instance-profile' | 'mfa' | 'server-certificate'

export interface EntityFacts {
  arn: string
  tags: readonly Tag[]
}

const cached = perRevisionCache<EntityFacts>(10_000)

/** Kinds looked up by ARN (managed policies, MFA devices); the others by name. */
export function keyedByArn(kind: EntityKind): boolean {
  return kind === 'policy' || kind === 'mfa'
}

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
 * The entity's ARN and tags, or undefined when it does not exist. `key` is the ARN for the
 * kinds `keyedByArn`, else the name (case-insensitive, as IAM names are).
 */
export function entityFacts(store: Store, kind: EntityKind, key: string): Promise<EntityFacts | undefined> {
  return cached(store, `${kind}\0${keyedByArn(kind) ? key : key.toLowerCase()}`, async () => {
    const record = await read(store, kind, key)
    return record && { arn: record.arn, tags: record.tags ?? [] }
  })
}
