/** The User output shape of the botocore model. */
import type { UserRecord } from '../../store/index.js'
import { boundaryOutput } from '../shared/boundary.js'
import { toApiTags, type ApiTag } from '../shared/tags.js'

/** The User shape of the botocore model. */
export interface UserOutput {
  Path: string
  UserName: string
  UserId: string
  Arn: string
  CreateDate: Date
  PasswordLastUsed?: Date
  PermissionsBoundary?: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy'; PermissionsBoundaryArn: string }
  Tags?: ApiTag[]
}

/**
 * A user as IAM returns it. `full` adds PermissionsBoundary and Tags, which GetUser and
 * CreateUser return and the listing operations leave out (AWS: "resource-listing
 * operations return a subset of the available attributes").
 */
export function userOutput(user: UserRecord, full: boolean): UserOutput {
  const out: UserOutput = {
    Path: user.path,
    UserName: user.name,
    UserId: user.id,
    Arn: user.arn,
    CreateDate: user.createDate
  }
  if (user.passwordLastUsed !== undefined) out.PasswordLastUsed = user.passwordLastUsed
  if (full) {
    const boundary = boundaryOutput(user.permissionsBoundaryArn)
    if (boundary !== undefined) out.PermissionsBoundary = boundary
    if (user.tags.length > 0) out.Tags = toApiTags(user.tags)
  }
  return out
}
