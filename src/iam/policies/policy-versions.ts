import { getAwsManagedPolicy, isAwsManagedPolicyArn } from '../../catalog/index.js'
import { defineOperation } from '../../server/operation.js'
import type { PolicyVersionRecord } from '../../store/index.js'
import { iamError } from '../shared/errors.js'
import { encodePolicyDocument, requirePolicyDocument } from '../shared/policy-document.js'
import { awsPolicyDocumentText } from './managed-policy-view.js'

interface PolicyArnInput {
  PolicyArn: string
}

interface VersionInput extends PolicyArnInput {
  VersionId: string
}

const resource = (input: PolicyArnInput): string => input.PolicyArn

/** The PolicyVersion shape of the botocore model. */
export interface PolicyVersionOutput {
  Document?: string
  VersionId: string
  IsDefaultVersion: boolean
  CreateDate: Date
}

// CreatePolicyVersion and ListPolicyVersions return versions without their documents.
function versionOutput(version: PolicyVersionRecord, withDocument: boolean): PolicyVersionOutput {
  const out: PolicyVersionOutput = { VersionId: version.versionId, IsDefaultVersion: version.isDefaultVersion, CreateDate: version.createDate }
  if (withDocument) out.Document = encodePolicyDocument(version.document)
  return out
}

function versionNotFound(arn: string, versionId: string): Error {
  return iamError('NoSuchEntity', `Policy ${arn} version ${versionId} does not exist or is not attachable.`)
}

// The snapshot holds only each AWS managed policy's default version.
async function awsDefaultVersion(arn: string): Promise<PolicyVersionRecord | undefined> {
  const policy = await getAwsManagedPolicy(arn)
  if (policy === undefined) return undefined
  return { versionId: policy.defaultVersionId, document: awsPolicyDocumentText(policy), isDefaultVersion: true, createDate: new Date(policy.updateDate) }
}

/** CreatePolicyVersion: validated like CreatePolicy; LimitExceeded when the policy already has 5 versions. */
export const createPolicyVersion = defineOperation({
  service: 'iam',
  name: 'CreatePolicyVersion',
  resource,
  handler: async (input: PolicyArnInput & { PolicyDocument: string; SetAsDefault?: boolean }, ctx) => {
    const document = requirePolicyDocument(input.PolicyDocument, { kind: 'identity', sizeLimit: 'managed' })
    const version = await ctx.store.createPolicyVersion(input.PolicyArn, document, input.SetAsDefault === true)
    return { PolicyVersion: versionOutput(version, false) }
  }
})

/** GetPolicyVersion: the document URL-encoded; AWS managed policies answer for their default version. */
export const getPolicyVersion = defineOperation({
  service: 'iam',
  name: 'GetPolicyVersion',
  resource,
  handler: async (input: VersionInput, ctx) => {
    let version: PolicyVersionRecord | undefined
    if (isAwsManagedPolicyArn(input.PolicyArn)) {
      version = await awsDefaultVersion(input.PolicyArn)
      if (version?.versionId !== input.VersionId) version = undefined
    } else {
      version = await ctx.store.getPolicyVersion(input.PolicyArn, input.VersionId)
    }
    if (version === undefined) throw versionNotFound(input.PolicyArn, input.VersionId)
    return { PolicyVersion: versionOutput(version, true) }
  }
})

/** ListPolicyVersions: newest first; at most 5, so one page. */
export const listPolicyVersions = defineOperation({
  service: 'iam',
  name: 'ListPolicyVersions',
  resource,
  handler: async (input: PolicyArnInput & { Marker?: string; MaxItems?: number }, ctx) => {
    let versions: PolicyVersionRecord[]
    if (isAwsManagedPolicyArn(input.PolicyArn)) {
      const version = await awsDefaultVersion(input.PolicyArn)
      if (version === undefined) throw iamError('NoSuchEntity', `Policy ${input.PolicyArn} was not found.`)
      versions = [version]
    } else {
      versions = await ctx.store.listPolicyVersions(input.PolicyArn)
    }
    return { Versions: versions.map((v) => versionOutput(v, false)), IsTruncated: false }
  }
})

/** DeletePolicyVersion: DeleteConflict for the default version. */
export const deletePolicyVersion = defineOperation({
  service: 'iam',
  name: 'DeletePolicyVersion',
  resource,
  handler: async (input: VersionInput, ctx) => {
    await ctx.store.deletePolicyVersion(input.PolicyArn, input.VersionId)
    return undefined
  }
})

/** SetDefaultPolicyVersion: NoSuchEntity for a version the policy does not have. */
export const setDefaultPolicyVersion = defineOperation({
  service: 'iam',
  name: 'SetDefaultPolicyVersion',
  resource,
  handler: async (input: VersionInput, ctx) => {
    await ctx.store.setDefaultPolicyVersion(input.PolicyArn, input.VersionId)
    return undefined
  }
})
