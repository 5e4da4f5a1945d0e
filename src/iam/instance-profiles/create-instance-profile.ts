/** CreateInstanceProfile (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateInstanceProfile.html). */
import { defineOperation, requestTagContext, toStoreTags, type ApiTag } from './deps.js'
import { instanceProfileOutput } from './instance-profile-output.js'

export type CreateInstanceProfileRequest = { InstanceProfileName: string; Path?: string; Tags?: ApiTag[] }

export const createInstanceProfile = defineOperation<CreateInstanceProfileRequest, { InstanceProfile: Record<string, unknown> }>({
  service: 'iam',
  name: 'CreateInstanceProfile',
  createsResource: true,
  resource: (input, ctx) => `arn:aws:iam::${ctx.accountId}:instance-profile${input.Path ?? '/'}${input.InstanceProfileName}`,
  conditionContext: (input) => requestTagContext(input.Tags),
  async handler(input, ctx) {
    const profile = await ctx.store.createInstanceProfile({
      name: input.InstanceProfileName,
      ...(input.Path !== undefined ? { path: input.Path } : {}),
      tags: toStoreTags(input.Tags)
    })
    return { InstanceProfile: instanceProfileOutput(profile) }
  }
})
