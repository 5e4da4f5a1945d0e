/** ListSAMLProviders (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListSAMLProviders.html): unpaged. */
import { defineOperation } from '../../server/operation.js'

export const listSAMLProviders = defineOperation<Record<string, never>, Record<string, unknown>>({
  service: 'iam',
  name: 'ListSAMLProviders',
  async handler(_input, ctx) {
    const providers = await ctx.store.listSamlProviders()
    return { SAMLProviderList: providers.map((p) => ({ Arn: p.arn, ValidUntil: p.validUntil, CreateDate: p.createDate })) }
  }
})
