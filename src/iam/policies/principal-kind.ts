/**
 * What differs between users, groups and roles in the operations that manage their
 * policies: the API names, the input member naming the principal, and the entity's ARN,
 * boundary and protection, read once per request.
 */
import type { ContextValue } from '../../eval/index.js'
import type { OperationContext } from '../../server/operation.js'
import { entityArn } from '../../store/arn.js'
import type { PrincipalType, Store } from '../../store/index.js'
import { iamError } from '../shared/errors.js'

export interface PrincipalKind {
  type: PrincipalType
  /** `User`, `Group`, `Role`: the word in the operation names (AttachUserPolicy, ...). */
  word: 'User' | 'Group' | 'Role'
  /** The input member naming the principal: UserName, GroupName, RoleName. */
  nameMember: 'UserName' | 'GroupName' | 'RoleName'
}

export const PRINCIPAL_KINDS: readonly PrincipalKind[] = [
  { type: 'user', word: 'User', nameMember: 'UserName' },
  { type: 'group', word: 'Group', nameMember: 'GroupName' },
  { type: 'role', word: 'Role', nameMember: 'RoleName' }
]

/** The entity a policy operation acts on, if it exists. */
export interface PrincipalEntity {
  name: string
  arn: string
  path: string
  permissionsBoundaryArn: string | undefined
}

/** The user, group or role `name`, or undefined. */
export async function findPrincipal(store: Store, type: PrincipalType, name: string): Promise<PrincipalEntity | undefined> {
  if (type === 'group') {
    const g = await store.getGroup(name)
    return g && { name: g.name, arn: g.arn, path: g.path, permissionsBoundaryArn: undefined }
  }
  const e = type === 'user' ? await store.getUser(name) : await store.getRole(name)
  return e && { name: e.name, arn: e.arn, path: e.path, permissionsBoundaryArn: e.permissionsBoundaryArn }
}

/** The principal, or IAM's NoSuchEntity error. */
export async function requirePrincipal(store: Store, type: PrincipalType, name: string): Promise<PrincipalEntity> {
  const entity = await findPrincipal(store, type, name)
  if (entity === undefined) throw iamError('NoSuchEntity', `The ${type} with name ${name} cannot be found.`)
  return entity
}

/** Service-linked roles (path /aws-service-role/) are only modifiable by AWS. */
export function requireModifiable(type: PrincipalType, entity: PrincipalEntity): void {
  if (type === 'role' && entity.path.startsWith('/aws-service-role/')) {
    throw iamError('UnmodifiableEntity', `Cannot perform the operation on the protected role '${entity.name}' - this role is only modifiable by AWS`)
  }
}

/** The principal's ARN with its real path (`/` when it does not exist), for authorization. */
export async function principalArn(kind: PrincipalKind, name: string, ctx: OperationContext): Promise<string> {
  return (await findPrincipal(ctx.store, kind.type, name))?.arn ?? entityArn(ctx.accountId, kind.type, '/', name)
}

/** iam:PermissionsBoundary: the boundary currently set on the user or role, when there is one. */
export async function boundaryContext(kind: PrincipalKind, name: string, ctx: OperationContext): Promise<Record<string, ContextValue>> {
  if (kind.type === 'group') return {}
  const arn = (await findPrincipal(ctx.store, kind.type, name))?.permissionsBoundaryArn
  return arn === undefined ? {} : { 'iam:PermissionsBoundary': arn }
}
