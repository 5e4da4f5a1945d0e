/**
 * The Role structure of IAM responses. Get-style calls return every attribute; listing
 * calls (ListRoles, the Roles of an instance profile) leave out PermissionsBoundary,
 * RoleLastUsed and Tags, as the ListRoles reference says
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html).
 */
import type { RoleRecord } from '../../store/index.js'
import { boundaryOutput } from '../shared/boundary.js'
import { encodePolicyDocument } from '../shared/policy-document.js'
import { toApiTags } from '../shared/tags.js'

/** `full` for GetRole/CreateRole/UpdateRoleDescription, `list` for listings. */
export type RoleView = 'full' | 'list'

/** A stored role as the botocore `Role` shape. */
export function roleOutput(role: RoleRecord, view: RoleView = 'full'): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.id,
    Arn: role.arn,
    CreateDate: role.createDate,
    AssumeRolePolicyDocument: encodePolicyDocument(role.assumeRolePolicyDocument)
  }
  if (role.description !== undefined) out.Description = role.description
  out.MaxSessionDuration = role.maxSessionDuration
  if (view === 'list') return out
  const boundary = boundaryOutput(role.permissionsBoundaryArn)
  if (boundary !== undefined) out.PermissionsBoundary = boundary
  if (role.tags.length > 0) out.Tags = toApiTags(role.tags)
  // GetRole always carries RoleLastUsed, empty for a role never used.
  const lastUsed: Record<string, unknown> = {}
  if (role.roleLastUsed !== undefined) {
    lastUsed.LastUsedDate = role.roleLastUsed.lastUsedDate
    if (role.roleLastUsed.region !== undefined) lastUsed.Region = role.roleLastUsed.region
  }
  out.RoleLastUsed = lastUsed
  return out
}
