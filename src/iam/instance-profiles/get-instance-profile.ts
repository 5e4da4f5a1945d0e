/** GetInstanceProfile (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetInstanceProfile.html). */
import { defineOperation } from './deps.js'
import { instanceProfileOutput, instanceProfileResourceArn, requireInstanceProfile } from './instance-profile-output.js'

export const getInstanceProfile = defineOperation<{ InstanceProfileName: string }, { InstanceProfile: Record<string, unknown> }>({
  service: 'iam',
  name: 'GetInstanceProfile',
  resource: (input, ctx) => instanceProfileResourceArn(ctx, input.InstanceProfileName),
  async handler(input, ctx) {
    return { InstanceProfile: instanceProfileOutput(await requireInstanceProfile(ctx, input.InstanceProfileName)) }
  }
})
