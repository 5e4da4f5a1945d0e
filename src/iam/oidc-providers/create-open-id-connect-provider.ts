/**
 * CreateOpenIDConnectProvider (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html).
 * ThumbprintList is optional, as in current IAM; Warden verifies an issuer's TLS
 * certificate against the system's trusted CAs and stores the thumbprints it is given.
 */
import { AwsError } from '../../protocol/index.js'
import { defineOperation } from '../../server/operation.js'
import { requestTagContext, toApiTags, toStoreTags, type ApiTag } from '../shared/tags.js'
import { parseProviderUrl } from './provider-url.js'
import { checkThumbprints } from './thumbprints.js'

export interface CreateOpenIDConnectProviderInput {
  Url: string
  ClientIDList?: string[]
  ThumbprintList?: string[]
  Tags?: ApiTag[]
}

export const createOpenIDConnectProvider = defineOperation<CreateOpenIDConnectProviderInput, Record<string, unknown>>({
  service: 'iam',
  name: 'CreateOpenIDConnectProvider',
  resource: (input, ctx) => {
    const url = parseProviderUrl(input.Url)
    return url instanceof AwsError ? '*' : `arn:aws:iam::${ctx.accountId}:oidc-provider/${url.name}`
  },
  conditionContext: (input) => requestTagContext(input.Tags),
  async handler(input, ctx) {
    const url = parseProviderUrl(input.Url)
    if (url instanceof AwsError) throw url
    const thumbprints = checkThumbprints(input.ThumbprintList ?? [])
    const provider = await ctx.store.createOidcProvider({
      name: url.name,
      url: input.Url,
      clientIds: input.ClientIDList ?? [],
      thumbprints,
      tags: toStoreTags(input.Tags)
    })
    return { OpenIDConnectProviderArn: provider.arn, ...(provider.tags.length > 0 ? { Tags: toApiTags(provider.tags) } : {}) }
  }
})
