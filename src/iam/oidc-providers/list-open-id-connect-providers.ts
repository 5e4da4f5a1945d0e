/** ListOpenIDConnectProviders (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListOpenIDConnectProviders.html): ARNs only, unpaged. */
import { defineOperation } from '../../server/operation.js'

export const listOpenIDConnectProviders = defineOperation<Record<string, never>, Record<string, unknown>>({
  service: 'iam',
  name: 'ListOpenIDConnectProviders',
  async handler(_input, ctx) {
    return { OpenIDConnectProviderList: (await ctx.store.listOidcProviders()).map((p) => ({ Arn: p.arn })) }
  }
})
