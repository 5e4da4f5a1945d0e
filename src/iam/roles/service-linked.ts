/**
 * Service-linked roles live under `/aws-service-role/` and only the owning service may
 * change them: IAM answers UnmodifiableEntity to every user call that would
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html).
 */
import type { RoleRecord } from '../../store/index.js'
import { iamError } from '../shared/errors.js'

export const SERVICE_LINKED_ROLE_PATH_PREFIX = '/aws-service-role/'

/** True for a role under the service-linked path. */
export function isServiceLinkedRole(role: Pick<RoleRecord, 'path'>): boolean {
  return role.path.startsWith(SERVICE_LINKED_ROLE_PATH_PREFIX)
}

/** AWS's UnmodifiableEntity message for a protected role. */
export function protectedRoleMessage(name: string): string {
  return `Cannot perform the operation on the protected role '${name}' - this role is only modifiable by AWS`
}

/** Throws UnmodifiableEntity for a service-linked role. */
export function requireModifiableRole(role: RoleRecord): void {
  if (isServiceLinkedRole(role)) throw iamError('UnmodifiableEntity', protectedRoleMessage(role.name))
}
