/**
 * One view of a managed policy whether it is a customer policy (in the store) or an AWS
 * managed one (in the catalog snapshot, with usage counts from the store), and the
 * Policy output shape of the botocore model.
 */
import { awsManagedPolicyText, getAwsManagedPolicy, isAwsManagedPolicyArn, type AwsManagedPolicy } from '../../catalog/index.js'
import type { AwsPolicyUsage, ManagedPolicyRecord, Store, Tag } from '../../store/index.js'
import { awsManagedPolicyId } from '../shared/ids.js'
import { toApiTags, type ApiTag } from '../shared/tags.js'

export interface ManagedPolicyView {
  aws: boolean
  arn: string
  name: string
  path: string
  id: string
  defaultVersionId: string
  attachmentCount: number
  permissionsBoundaryUsageCount: number
  isAttachable: boolean
  description: string | undefined
  createDate: Date
  updateDate: Date
  tags: Tag[]
}

/** A customer managed policy as a view. */
export function customerPolicyView(record: ManagedPolicyRecord): ManagedPolicyView {
  return {
    aws: false,
    arn: record.arn,
    name: record.name,
    path: record.path,
    id: record.id,
    defaultVersionId: record.defaultVersionId,
    attachmentCount: record.attachmentCount,
    permissionsBoundaryUsageCount: record.permissionsBoundaryUsageCount,
    isAttachable: true,
    description: record.description,
    createDate: record.createDate,
    updateDate: record.updateDate,
    tags: record.tags
  }
}

/** An AWS managed policy as a view, with this account's usage counts. */
export function awsPolicyView(policy: AwsManagedPolicy, usage: AwsPolicyUsage | undefined): ManagedPolicyView {
  return {
    aws: true,
    arn: policy.arn,
    name: policy.policyName,
    path: policy.path,
    id: policy.policyId ?? awsManagedPolicyId(policy.arn),
    defaultVersionId: policy.defaultVersionId,
    attachmentCount: usage?.attachmentCount ?? 0,
    permissionsBoundaryUsageCount: usage?.permissionsBoundaryUsageCount ?? 0,
    isAttachable: policy.isAttachable,
    description: policy.description,
    createDate: new Date(policy.createDate),
    updateDate: new Date(policy.updateDate),
    tags: []
  }
}

/** The usage counts of one AWS managed policy in this account. */
export async function awsPolicyUsage(store: Store, arn: string): Promise<AwsPolicyUsage | undefined> {
  return (await store.listAwsPolicyUsage()).find((u) => u.policyArn === arn)
}

/** The managed policy with this ARN (customer or AWS), or undefined. */
export async function findManagedPolicy(store: Store, arn: string): Promise<ManagedPolicyView | undefined> {
  if (isAwsManagedPolicyArn(arn)) {
    const policy = await getAwsManagedPolicy(arn)
    return policy === undefined ? undefined : awsPolicyView(policy, await awsPolicyUsage(store, arn))
  }
  const record = await store.getPolicy(arn)
  return record === undefined ? undefined : customerPolicyView(record)
}

/** The Policy shape of the botocore model. */
export interface PolicyOutput {
  PolicyName: string
  PolicyId: string
  Arn: string
  Path: string
  DefaultVersionId: string
  AttachmentCount: number
  PermissionsBoundaryUsageCount: number
  IsAttachable: boolean
  Description?: string
  CreateDate: Date
  UpdateDate: Date
  Tags?: ApiTag[]
}

/**
 * A policy as IAM returns it. `full` (GetPolicy, CreatePolicy) adds Description and Tags,
 * which ListPolicies leaves out.
 */
export function policyOutput(view: ManagedPolicyView, full: boolean): PolicyOutput {
  const out: PolicyOutput = {
    PolicyName: view.name,
    PolicyId: view.id,
    Arn: view.arn,
    Path: view.path,
    DefaultVersionId: view.defaultVersionId,
    AttachmentCount: view.attachmentCount,
    PermissionsBoundaryUsageCount: view.permissionsBoundaryUsageCount,
    IsAttachable: view.isAttachable,
    CreateDate: view.createDate,
    UpdateDate: view.updateDate
  }
  if (full) {
    if (view.description !== undefined) out.Description = view.description
    if (view.tags.length > 0) out.Tags = toApiTags(view.tags)
  }
  return out
}

/** The text of an AWS managed policy's default version, as GetPolicyVersion returns it. */
export function awsPolicyDocumentText(policy: AwsManagedPolicy): string {
  return awsManagedPolicyText(policy)
}
