/**
 * TagInstanceProfile, UntagInstanceProfile and ListInstanceProfileTags
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagInstanceProfile.html).
 */
import { tagOperations } from '../shared/tag-operations.js'
import { instanceProfileResourceArn, requireInstanceProfile } from './instance-profile-output.js'

export const [tagInstanceProfile, untagInstanceProfile, listInstanceProfileTags] = tagOperations({
  entity: 'InstanceProfile',
  member: 'InstanceProfileName',
  resource: instanceProfileResourceArn,
  require: requireInstanceProfile,
  tag: (ctx, name, tags) => ctx.store.tagInstanceProfile(name, tags),
  untag: (ctx, name, keys) => ctx.store.untagInstanceProfile(name, keys)
})
