/**
 * The `aws:ResourceTag/<key>` and `iam:ResourceTag/<key>` condition keys of a request whose
 * resource is a tagged IAM role, user, customer managed policy, instance profile, virtual
 * MFA device or server certificate of this account (Service Authorization Reference, IAM
 * resource types). The tags are read from the store on every request: policy, instance
 * profile and server certificate tags do not move the revision, so a cached copy could be
 * stale.
 */
import type { ContextValue } from '../eval/index.js'
import type { Store, Tag } from '../store/index.js'

const IAM_ARN = /^arn:aws:iam::(\d{12}):(role|user|policy|instance-profile|mfa|server-certificate)(\/(?:.*\/)?)([^/]+)$/

async function tagsOf(store: Store, kind: string, arn: string, name: string): Promise<Tag[] | undefined> {
  switch (kind) {
    case 'role': {
      const role = await store.getRole(name)
      return role?.arn === arn ? role.tags : undefined
    }
    case 'user': {
      const user = await store.getUser(name)
      return user?.arn === arn ? user.tags : undefined
    }
    case 'policy':
      return (await store.getPolicy(arn))?.tags
    case 'instance-profile': {
      const profile = await store.getInstanceProfile(name)
      return profile?.arn === arn ? profile.tags : undefined
    }
    case 'mfa':
      return (await store.getMfaDevice(arn))?.tags
    case 'server-certificate': {
      const cert = await store.getServerCertificate(name)
      return cert?.arn === arn ? cert.tags : undefined
    }
    default:
      return undefined
  }
}

/** The resource tag keys for `resource`; empty unless it is an existing tagged entity of `accountId`. */
export async function resourceTagContext(store: Store, accountId: string, resource: string): Promise<Record<string, ContextValue>> {
  const m = IAM_ARN.exec(resource)
  if (m === null || m[1] !== accountId) return {}
  const tags = await tagsOf(store, m[2]!, resource, m[4]!)
  const context: Record<string, ContextValue> = {}
  for (const t of tags ?? []) {
    context[`aws:ResourceTag/${t.key}`] = t.value
    context[`iam:ResourceTag/${t.key}`] = t.value
  }
  return context
}
