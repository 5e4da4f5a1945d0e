/** The Group output shape of the botocore model. */
import type { GroupRecord } from '../../store/index.js'

/** The Group shape of the botocore model. */
export interface GroupOutput {
  Path: string
  GroupName: string
  GroupId: string
  Arn: string
  CreateDate: Date
}

/** A group as IAM returns it. */
export function groupOutput(group: GroupRecord): GroupOutput {
  return { Path: group.path, GroupName: group.name, GroupId: group.id, Arn: group.arn, CreateDate: group.createDate }
}
