/**
 * UpdateUser, UpdateGroup and UpdateServerCertificate rename and/or move an entity. AWS
 * requires permission on both the source and the target, so the action is authorized on
 * the new ARN too (the pipeline authorized the old one) before anything changes.
 */
import type { OperationContext } from '../../server/operation.js'
import { entityArn, type ArnResource } from '../../store/arn.js'

/** The store's changes for a rename and/or move (absent fields stay as they are). */
export interface RenameChanges {
  newName?: string
  newPath?: string
}

/** Authorizes `action` on the entity's new ARN when it differs, then applies the changes with `update`. */
export async function renameOrMove(
  ctx: OperationContext,
  action: string,
  resource: ArnResource,
  current: { arn: string; path: string; name: string },
  changes: RenameChanges,
  update: (changes: RenameChanges) => Promise<unknown>
): Promise<void> {
  const target = entityArn(ctx.accountId, resource, changes.newPath ?? current.path, changes.newName ?? current.name)
  if (target !== current.arn) await ctx.authorize(action, target)
  await update({
    ...(changes.newName !== undefined ? { newName: changes.newName } : {}),
    ...(changes.newPath !== undefined ? { newPath: changes.newPath } : {})
  })
}
