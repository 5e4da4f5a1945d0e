/**
 * The InstanceProfile structure of IAM responses. GetInstanceProfile and
 * CreateInstanceProfile carry the profile's Tags; the listing calls leave them out, and
 * the Roles inside a profile come in their listing form (no boundary, last use or tags)
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListInstanceProfiles.html).
 */
import type { InstanceProfileRecord, OperationContext } from './deps.js'
import { iamError, roleOutput, toApiTags } from './deps.js'

/** A stored instance profile as the botocore `InstanceProfile` shape. */
export function instanceProfileOutput(profile: InstanceProfileRecord, view: 'full' | 'list' = 'full'): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Path: profile.path,
    InstanceProfileName: profile.name,
    InstanceProfileId: profile.id,
    Arn: profile.arn,
    CreateDate: profile.createDate,
    Roles: profile.roles.map((r) => roleOutput(r, 'list'))
  }
  if (view === 'full' && profile.tags.length > 0) out.Tags = toApiTags(profile.tags)
  return out
}

/** AWS's NoSuchEntity message for an instance profile. */
export function noSuchInstanceProfileMessage(name: string): string {
  return `Instance Profile ${name} cannot be found.`
}

/** The ARN an instance profile operation is authorized on (path-less when it does not exist). */
export async function instanceProfileResourceArn(ctx: OperationContext, name: string): Promise<string> {
  const profile = await ctx.store.getInstanceProfile(name)
  return profile?.arn ?? `arn:aws:iam::${ctx.accountId}:instance-profile/${name}`
}

/** The profile, or AWS's NoSuchEntity error. */
export async function requireInstanceProfile(ctx: OperationContext, name: string): Promise<InstanceProfileRecord> {
  const profile = await ctx.store.getInstanceProfile(name)
  if (profile === undefined) throw iamError('NoSuchEntity', noSuchInstanceProfileMessage(name))
  return profile
}
