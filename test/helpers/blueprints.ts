/**
 * Helpers for blueprint tests: apply a built-in to a running Warden, list what the account
 * holds, and read a principal's policies back from the server for the pure engine.
 */
import * as iam from '@aws-sdk/client-iam'
import { compilePolicySet, type CompiledPolicySet, type PolicyInput } from '../../src/eval/index.js'
import { parsePolicy } from '../../src/policy/index.js'
import { applyPlan, builtinText, loadBlueprint, planApply, planRemoval, type ApplyResult, type Blueprint, type Plan } from '../../src/blueprints/index.js'
import { decodeDocument } from '../../src/blueprints/documents.js'
import type { RunningWarden } from './warden.js'

/** Loads a built-in blueprint for the test account. */
export function builtin(w: RunningWarden, name: string, set: Record<string, string> = {}): Blueprint {
  const r = loadBlueprint(builtinText(name)!, `builtin:${name}`, { accountId: w.accountId, region: 'us-east-1', set })
  if (!r.ok) throw new Error(`${name}: ${r.problems.map((p) => `${p.line}: ${p.message}`).join('; ')}`)
  return r.blueprint
}

/** Plans and applies; throws if a step failed. */
export async function applyBlueprint(client: iam.IAMClient, bp: Blueprint): Promise<{ plan: Plan; result: ApplyResult }> {
  const plan = await planApply(client, bp)
  const result = await applyPlan(client, plan)
  if (result.failed) throw new Error(`apply stopped at ${result.failed.step.summary}: ${result.failed.error.message}`)
  return { plan, result }
}

/** Plans and applies the removal of everything blueprint `name` owns. */
export async function destroyBlueprint(client: iam.IAMClient, name: string, accountId: string): Promise<ApplyResult> {
  const result = await applyPlan(client, await planRemoval(client, name, accountId), { pollMs: 10 })
  if (result.failed) throw new Error(`destroy stopped at ${result.failed.step.summary}: ${result.failed.error.message}`)
  return result
}

/** Every IAM entity in the account, by kind, from the list calls. */
export async function inventory(client: iam.IAMClient): Promise<Record<string, string[]>> {
  const roles = (await client.send(new iam.ListRolesCommand({ MaxItems: 1000 }))).Roles ?? []
  const users = (await client.send(new iam.ListUsersCommand({ MaxItems: 1000 }))).Users ?? []
  const groups = (await client.send(new iam.ListGroupsCommand({ MaxItems: 1000 }))).Groups ?? []
  const policies = (await client.send(new iam.ListPoliciesCommand({ Scope: 'Local', MaxItems: 1000 }))).Policies ?? []
  const profiles = (await client.send(new iam.ListInstanceProfilesCommand({ MaxItems: 1000 }))).InstanceProfiles ?? []
  const keys = await Promise.all(users.map(async (u) => (await client.send(new iam.ListAccessKeysCommand({ UserName: u.UserName }))).AccessKeyMetadata ?? []))
  return {
    roles: roles.map((r) => `${r.Path}${r.RoleName}`).sort(),
    users: users.map((u) => `${u.Path}${u.UserName}`).sort(),
    groups: groups.map((g) => `${g.Path}${g.GroupName}`).sort(),
    policies: policies.map((p) => `${p.Path}${p.PolicyName}`).sort(),
    instanceProfiles: profiles.map((p) => `${p.InstanceProfileName}:${(p.Roles ?? []).map((r) => r.RoleName).join(',')}`).sort(),
    accessKeys: keys.flat().map((k) => `${k.UserName}:${k.AccessKeyId}`).sort()
  }
}

async function managedDocuments(client: iam.IAMClient, arns: string[]): Promise<PolicyInput[]> {
  return Promise.all(
    arns.map(async (arn) => {
      const p = (await client.send(new iam.GetPolicyCommand({ PolicyArn: arn }))).Policy!
      const v = (await client.send(new iam.GetPolicyVersionCommand({ PolicyArn: arn, VersionId: p.DefaultVersionId }))).PolicyVersion!
      return input(arn, JSON.stringify(decodeDocument(v.Document)))
    })
  )
}

function input(id: string, text: string): PolicyInput {
  const parsed = parsePolicy(text, { kind: 'identity' })
  if (!parsed.policy) throw new Error(`${id} does not parse: ${parsed.message}`)
  return { id, type: 'identity', policy: parsed.policy }
}

/** A user's or role's identity policies (inline, attached, and a user's groups'), as the server returns them, compiled. */
export async function policiesFromServer(client: iam.IAMClient, kind: 'user' | 'role', name: string): Promise<CompiledPolicySet> {
  const identity: PolicyInput[] = []
  if (kind === 'role') {
    for (const n of (await client.send(new iam.ListRolePoliciesCommand({ RoleName: name }))).PolicyNames ?? []) {
      identity.push(input(n, JSON.stringify(decodeDocument((await client.send(new iam.GetRolePolicyCommand({ RoleName: name, PolicyName: n }))).PolicyDocument))))
    }
    const attached = (await client.send(new iam.ListAttachedRolePoliciesCommand({ RoleName: name }))).AttachedPolicies ?? []
    identity.push(...(await managedDocuments(client, attached.map((a) => a.PolicyArn!))))
  } else {
    for (const n of (await client.send(new iam.ListUserPoliciesCommand({ UserName: name }))).PolicyNames ?? []) {
      identity.push(input(n, JSON.stringify(decodeDocument((await client.send(new iam.GetUserPolicyCommand({ UserName: name, PolicyName: n }))).PolicyDocument))))
    }
    const attached = (await client.send(new iam.ListAttachedUserPoliciesCommand({ UserName: name }))).AttachedPolicies ?? []
    identity.push(...(await managedDocuments(client, attached.map((a) => a.PolicyArn!))))
    for (const g of (await client.send(new iam.ListGroupsForUserCommand({ UserName: name }))).Groups ?? []) {
      const ga = (await client.send(new iam.ListAttachedGroupPoliciesCommand({ GroupName: g.GroupName }))).AttachedPolicies ?? []
      identity.push(...(await managedDocuments(client, ga.map((a) => a.PolicyArn!))))
    }
  }
  return compilePolicySet({ identity })
}
