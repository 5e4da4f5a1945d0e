/**
 * The IAM calls that delete one entity, in the order IAM requires: an entity with
 * attachments, inline policies, memberships, keys or instance profiles cannot be deleted
 * (DeleteConflict), so those go first. Every call tolerates NoSuchEntity, so a destroy that
 * stopped half-way is finished by the next one.
 */
import type { LiveGroup, LiveInstanceProfile, LivePolicy, LiveRole, LiveServiceLinkedRole, LiveUser } from './live.js'
import type { Step } from './steps.js'

const gone = { ignoreMissing: true } as const

/** Remove the roles, then the instance profile. */
export function removeInstanceProfile(p: LiveInstanceProfile): Step[] {
  return [
    ...p.roles.map((role): Step => ({ action: 'RemoveRoleFromInstanceProfile', input: { InstanceProfileName: p.name, RoleName: role }, summary: `remove role ${role} from instance profile ${p.name}`, ...gone })),
    { action: 'DeleteInstanceProfile', input: { InstanceProfileName: p.name }, summary: `delete instance profile ${p.name}`, ...gone }
  ]
}

/** Leave every instance profile, drop inline policies, detach managed ones, then delete the role. */
export function removeRole(r: LiveRole): Step[] {
  return [
    ...r.instanceProfiles.map((p): Step => ({ action: 'RemoveRoleFromInstanceProfile', input: { InstanceProfileName: p, RoleName: r.name }, summary: `remove role ${r.name} from instance profile ${p}`, ...gone })),
    ...r.inline.map((p): Step => ({ action: 'DeleteRolePolicy', input: { RoleName: r.name, PolicyName: p.name }, summary: `delete inline policy ${p.name} of role ${r.name}`, ...gone })),
    ...r.managed.map((arn): Step => ({ action: 'DetachRolePolicy', input: { RoleName: r.name, PolicyArn: arn }, summary: `detach ${arn} from role ${r.name}`, ...gone })),
    { action: 'DeleteRole', input: { RoleName: r.name }, summary: `delete role ${r.name}`, ...gone }
  ]
}

/** Leave groups, drop inline policies, detach managed ones, delete access keys, then delete the user. */
export function removeUser(u: LiveUser): Step[] {
  return [
    ...u.groups.map((g): Step => ({ action: 'RemoveUserFromGroup', input: { GroupName: g, UserName: u.name }, summary: `remove user ${u.name} from group ${g}`, ...gone })),
    ...u.inline.map((p): Step => ({ action: 'DeleteUserPolicy', input: { UserName: u.name, PolicyName: p.name }, summary: `delete inline policy ${p.name} of user ${u.name}`, ...gone })),
    ...u.managed.map((arn): Step => ({ action: 'DetachUserPolicy', input: { UserName: u.name, PolicyArn: arn }, summary: `detach ${arn} from user ${u.name}`, ...gone })),
    ...u.accessKeys.map((id): Step => ({ action: 'DeleteAccessKey', input: { UserName: u.name, AccessKeyId: id }, summary: `delete access key ${id} of user ${u.name}`, ...gone })),
    { action: 'DeleteUser', input: { UserName: u.name }, summary: `delete user ${u.name}`, ...gone }
  ]
}

/** Remove the members, drop inline policies, detach managed ones, then delete the group. */
export function removeGroup(g: LiveGroup): Step[] {
  return [
    ...g.members.map((u): Step => ({ action: 'RemoveUserFromGroup', input: { GroupName: g.name, UserName: u }, summary: `remove user ${u} from group ${g.name}`, ...gone })),
    ...g.inline.map((p): Step => ({ action: 'DeleteGroupPolicy', input: { GroupName: g.name, PolicyName: p.name }, summary: `delete inline policy ${p.name} of group ${g.name}`, ...gone })),
    ...g.managed.map((arn): Step => ({ action: 'DetachGroupPolicy', input: { GroupName: g.name, PolicyArn: arn }, summary: `detach ${arn} from group ${g.name}`, ...gone })),
    { action: 'DeleteGroup', input: { GroupName: g.name }, summary: `delete group ${g.name}`, ...gone }
  ]
}

/** Detach from every user, group and role (the blueprint's and anyone else's), drop old versions, then delete. */
export function removePolicy(p: LivePolicy): Step[] {
  return [
    ...p.attachedTo.users.map((u): Step => ({ action: 'DetachUserPolicy', input: { UserName: u, PolicyArn: p.arn }, summary: `detach ${p.arn} from user ${u}`, ...gone })),
    ...p.attachedTo.groups.map((g): Step => ({ action: 'DetachGroupPolicy', input: { GroupName: g, PolicyArn: p.arn }, summary: `detach ${p.arn} from group ${g}`, ...gone })),
    ...p.attachedTo.roles.map((r): Step => ({ action: 'DetachRolePolicy', input: { RoleName: r, PolicyArn: p.arn }, summary: `detach ${p.arn} from role ${r}`, ...gone })),
    ...p.otherVersions.map((v): Step => ({ action: 'DeletePolicyVersion', input: { PolicyArn: p.arn, VersionId: v }, summary: `delete version ${v} of policy ${p.name}`, ...gone })),
    { action: 'DeletePolicy', input: { PolicyArn: p.arn }, summary: `delete policy ${p.name}`, ...gone }
  ]
}

/** IAM deletes a service-linked role asynchronously; apply waits for the deletion task. */
export function removeServiceLinkedRole(s: LiveServiceLinkedRole): Step[] {
  return [{ action: 'DeleteServiceLinkedRole', input: { RoleName: s.roleName }, summary: `delete service-linked role ${s.roleName}`, ...gone }]
}
