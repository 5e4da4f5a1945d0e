/**
 * GetAccessKeyLastUsed (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccessKeyLastUsed.html):
 * the owning user and the last use; for a key never used AWS answers ServiceName and
 * Region `N/A` and no LastUsedDate.
 */
import { defineOperation } from '../../server/operation.js'
import { iamError } from '../shared/errors.js'

export const getAccessKeyLastUsed = defineOperation<{ AccessKeyId: string }, Record<string, unknown>>({
  service: 'iam',
  name: 'GetAccessKeyLastUsed',
  // Authorized on the user who owns the key.
  resource: async (input, ctx) => (await ctx.store.getAccessKey(input.AccessKeyId))?.user.arn ?? '*',
  async handler(input, ctx) {
    const found = await ctx.store.getAccessKey(input.AccessKeyId)
    if (found === undefined) throw iamError('NoSuchEntity', `The Access Key with id ${input.AccessKeyId} cannot be found`)
    const used = found.key.lastUsed
    return {
      UserName: found.user.name,
      AccessKeyLastUsed: used === undefined
        ? { ServiceName: 'N/A', Region: 'N/A' }
        : { LastUsedDate: used.lastUsedDate, ServiceName: used.serviceName, Region: used.region }
    }
  }
})
