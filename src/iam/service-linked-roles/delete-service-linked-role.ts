/**
 * DeleteServiceLinkedRole (https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteServiceLinkedRole.html).
 * AWS deletes asynchronously and returns a task id to poll; Warden has no service
 * resources that could still use the role, so it detaches the role's policies, removes
 * it from instance profiles, deletes it and records the task as SUCCEEDED, all in one
 * transaction.
 */
import { randomUUID } from 'node:crypto'
import { defineOperation } from '../../server/operation.js'
import type { Store } from '../../store/index.js'
import { requireRole, roleResourceArn } from '../roles/role-resource.js'
import { isServiceLinkedRole } from '../roles/service-linked.js'
import { iamError } from '../shared/errors.js'

/** `task/aws-service-role/<service>/<role>/<uuid>`, the documented task id format. */
export function deletionTaskId(rolePath: string, roleName: string, uuid: string = randomUUID()): string {
  return `task${rolePath}${roleName}/${uuid}`
}

export const deleteServiceLinkedRole = defineOperation<{ RoleName: string }, { DeletionTaskId: string }>({
  service: 'iam',
  name: 'DeleteServiceLinkedRole',
  resource: (input, ctx) => roleResourceArn(ctx, input.RoleName),
  async handler(input, ctx) {
    const role = await requireRole(ctx, input.RoleName)
    // The model lists only NoSuchEntity for a role this call cannot delete; AWS's wording is not documented.
    if (!isServiceLinkedRole(role)) throw iamError('NoSuchEntity', `Role ${role.name} is not a service-linked role.`)
    const id = deletionTaskId(role.path, role.name)
    await ctx.store.transaction(async (tx) => {
      await tx.createDeletionTask(id, role.name)
      await removeRoleDependencies(tx, role.name)
      await tx.deleteRole(role.name)
      await tx.updateDeletionTask(id, 'SUCCEEDED')
    })
    return { DeletionTaskId: id }
  }
})

async function removeRoleDependencies(tx: Store, roleName: string): Promise<void> {
  const principal = { type: 'role' as const, name: roleName }
  for (;;) {
    const page = await tx.listAttachedPolicies(principal, { maxItems: 1000 })
    for (const p of page.items) await tx.detachPolicy(principal, p.policyArn)
    if (!page.isTruncated) break
  }
  for (;;) {
    const page = await tx.listInlinePolicies(principal, { maxItems: 1000 })
    for (const name of page.items) await tx.deleteInlinePolicy(principal, name)
    if (!page.isTruncated) break
  }
  const profiles = await tx.listInstanceProfilesForRole(roleName, { maxItems: 1000 })
  for (const p of profiles.items) await tx.removeRoleFromInstanceProfile(p.name, roleName)
}
