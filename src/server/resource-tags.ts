/**
 * The `aws:ResourceTag/<key>` and `iam:ResourceTag/<key>` condition keys of a request whose
 * resource is a tagged IAM role, user, customer managed policy, instance profile, virtual
 * MFA device or server certificate of this account (Service Authorization Reference, IAM resource types), read
 * through the per-revision entity cache (tag changes move the revision).
 */
import type { ContextValue } from '../eval/index.js'
import type { Store } from '../store/index.js'
import { entityFacts, keyedByArn, type EntityKind } from './entity-cache.js'

const IAM_ARN = /^arn:aws:iam::(\d{12}):(role|user|policy|instance-profile|mfa|server-certificate)(\/(?:.*\/)?)([^/]+)$/
/** No resource tag keys (shared, frozen). */
export const NO_TAGS: Record<string, ContextValue> = Object.freeze({}) as Record<string, ContextValue>

/** The resource tag keys for `resource`; empty unless it is an existing tagged entity of `accountId`. */
export async function resourceTagContext(store: Store, accountId: string, resource: string): Promise<Record<string, ContextValue>> {
  const m = IAM_ARN.exec(resource)
  if (m === null || m[1] !== accountId) return NO_TAGS
  const kind = m[2] as EntityKind
  const facts = await entityFacts(store, kind, keyedByArn(kind) ? resource : m[4]!)
  // A name lookup finds the entity under its own path; another path names something else.
  if (!facts || facts.arn !== resource || facts.tags.length === 0) return NO_TAGS
  const context: Record<string, ContextValue> = {}
  for (const t of facts.tags) {
    context[`aws:ResourceTag/${t.key}`] = t.value
    context[`iam:ResourceTag/${t.key}`] = t.value
  }
  return context
}
