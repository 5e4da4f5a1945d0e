/**
 * The role AssumeRole names, with its trust policy parsed, cached per store revision (a
 * trust policy, MaxSessionDuration or deletion change bumps it): assuming a role costs one
 * revision read, no role read and no parse.
 */
import { parsePolicy, type Policy } from '../policy/index.js'
import { perRevisionCache } from '../server/revision.js'
import type { RoleRecord, Store } from '../store/index.js'

export interface TrustedRole {
  role: RoleRecord
  /** The parsed trust policy; undefined if the stored document no longer parses. */
  trust: Policy | undefined
}

const cached = perRevisionCache<TrustedRole>(4096)

/** The role with this name and its parsed trust policy; undefined if there is no such role. */
export function loadTrustedRole(store: Store, name: string): Promise<TrustedRole | undefined> {
  return cached(store, name.toLowerCase(), async () => {
    const role = await store.getRole(name)
    return role && { role, trust: parsePolicy(role.assumeRolePolicyDocument, { kind: 'trust', sizeLimit: 'none' }).policy }
  })
}
