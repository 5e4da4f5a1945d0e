/** Permissions boundary ARNs: checked the way IAM checks them before they are set. */
import { getAwsManagedPolicy } from '../../catalog/index.js'
import type { Store } from '../../store/index.js'
import { parsePolicyArn } from '../../store/arn.js'
import { iamError } from './errors.js'

/**
 * Throws IAM's error unless `arn` names a managed policy that can be a boundary: a customer
 * policy of this account or an attachable AWS managed policy. IAM answers NoSuchEntity
 * `Scope ARN: <arn> does not exist or is not attachable.` for a missing one and
 * InvalidInput for a value that is not a policy ARN.
 */
export async function requireBoundaryPolicy(store: Store, accountId: string, arn: string): Promise<void> {
  const parsed = parsePolicyArn(arn)
  if (parsed === undefined) throw iamError('InvalidInput', `ARN ${arn} is not valid.`)
  let found: boolean
  if (parsed.aws) {
    const policy = await getAwsManagedPolicy(arn)
    found = policy !== undefined && policy.isAttachable
  } else {
    found = parsed.account === accountId && (await store.getPolicy(arn)) !== undefined
  }
  if (!found) throw iamError('NoSuchEntity', `Scope ARN: ${arn} does not exist or is not attachable.`)
}

/** The PermissionsBoundary member of User and Role outputs. */
export function boundaryOutput(arn: string | undefined): { PermissionsBoundaryType: 'PermissionsBoundaryPolicy'; PermissionsBoundaryArn: string } | undefined {
  return arn === undefined ? undefined : { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: arn }
}
