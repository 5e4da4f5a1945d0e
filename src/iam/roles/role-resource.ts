/** Reading roles for handlers: the authorization resource ARN and the must-exist lookup. */
import type { OperationContext } from '../../server/operation.js'
import type { RoleRecord } from '../../store/index.js'
import { principalResourceArn } from '../shared/entities.js'
import { iamError } from '../shared/errors.js'

/** AWS's NoSuchEntity message for a role. */
export function noSuchRoleMessage(name: string): string {
  return `The role with name ${name} cannot be found.`
}

/**
 * The ARN a role operation is authorized on: the stored role's ARN (with its path), or
 * for a role that does not exist, the path-less ARN (the handler then fails NoSuchEntity).
 */
export function roleResourceArn(ctx: OperationContext, name: string): Promise<string> {
  return principalResourceArn(ctx.store, ctx.accountId, 'role', name)
}

/** The role, or the NoSuchEntity error AWS gives. */
export async function requireRole(ctx: OperationContext, name: string): Promise<RoleRecord> {
  const role = await ctx.store.getRole(name)
  if (role === undefined) throw iamError('NoSuchEntity', noSuchRoleMessage(name))
  return role
}
