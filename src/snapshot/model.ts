/**
 * A snapshot file read into Warden's terms: what `warden import` creates. Every entity
 * keeps `at`, the JSON path it came from, so any later failure names its place in the file.
 */
import type { Tag } from '../store/index.js'

export interface InlinePolicy {
  at: string
  name: string
  /** The document text to store (validated). */
  document: string
}

/** A managed policy reference (attachment or permissions boundary). */
export interface PolicyRef {
  at: string
  arn: string
}

interface Entity {
  at: string
  name: string
  id: string
  path: string
  arn: string
  createDate: Date
}

export interface SnapshotUser extends Entity {
  inline: InlinePolicy[]
  groups: { at: string; name: string }[]
  attached: PolicyRef[]
  boundary?: PolicyRef
  tags: Tag[]
}

export interface SnapshotGroup extends Entity {
  inline: InlinePolicy[]
  attached: PolicyRef[]
}

export interface SnapshotInstanceProfile extends Entity {
  tags: Tag[]
}

export interface SnapshotRole extends Entity {
  trust: string
  /** From the role's entry inside its instance profiles, the only place the format carries them. */
  description?: string
  maxSessionDuration?: number
  profiles: SnapshotInstanceProfile[]
  inline: InlinePolicy[]
  attached: PolicyRef[]
  boundary?: PolicyRef
  tags: Tag[]
  lastUsed?: { date: Date; region: string }
}

export interface SnapshotPolicyVersion {
  at: string
  versionId: string
  document: string
  isDefaultVersion: boolean
  createDate: Date
}

/** A customer managed policy. */
export interface SnapshotPolicy extends Entity {
  description?: string
  updateDate: Date
  defaultVersionId: string
  attachmentCount: number
  boundaryUsageCount: number
  versions: SnapshotPolicyVersion[]
}

/** An AWS managed policy entry: Warden takes its content from its own catalog, the file's counts are checked. */
export interface SnapshotAwsPolicy {
  at: string
  arn: string
  attachmentCount: number
  boundaryUsageCount: number
}

export interface Snapshot {
  /** The account every ARN names; undefined for a file with no entities. */
  accountId: string | undefined
  users: SnapshotUser[]
  groups: SnapshotGroup[]
  roles: SnapshotRole[]
  policies: SnapshotPolicy[]
  awsPolicies: SnapshotAwsPolicy[]
}
