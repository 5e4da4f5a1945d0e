/** Blueprints: load (schema, parameters), plan against the live account, apply, destroy. */
import type { IAMClient } from '@aws-sdk/client-iam'
import { readLiveState } from './live.js'
import type { Blueprint } from './model.js'
import { planBlueprint, planDestroy, type Plan } from './plan.js'

export { applyPlan, type ApplyResult, type CreatedAccessKey } from './apply.js'
export { builtinNames, builtinText, readBlueprintSource, type BlueprintSource } from './builtin.js'
export { loadBlueprint, ParameterError, type LoadOptions, type LoadResult } from './load.js'
export { OWNER_TAG, groupPathOf, type Blueprint } from './model.js'
export { conflictsOf, hasChanges, type Change, type Plan } from './plan.js'
export { blueprintJsonSchema, type BlueprintProblem } from './schema.js'

/** Reads the account and plans what apply would do for this blueprint. */
export async function planApply(client: IAMClient, bp: Blueprint): Promise<Plan> {
  const live = await readLiveState(client, bp.name, {
    roles: bp.roles.map((r) => r.name),
    users: bp.users.map((u) => u.name),
    groups: bp.groups.map((g) => g.name),
    policies: bp.policies.map((p) => p.name),
    instanceProfiles: bp.instanceProfiles.map((p) => p.name)
  })
  return planBlueprint(bp, live)
}

/** Reads the account and plans the removal of everything blueprint `name` owns. */
export async function planRemoval(client: IAMClient, name: string, accountId: string): Promise<Plan> {
  const live = await readLiveState(client, name, { roles: [], users: [], groups: [], policies: [], instanceProfiles: [] })
  return planDestroy(name, accountId, live)
}
