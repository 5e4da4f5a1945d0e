/** ListServerCertificates (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListServerCertificates.html): metadata only, no tags. */
import { defineOperation } from '../../server/operation.js'
import { pageOutput, pathPageRequest } from '../shared/paging.js'
import { serverCertificateMetadata } from './server-certificate-resource.js'

export const listServerCertificates = defineOperation<{ PathPrefix?: string; Marker?: string; MaxItems?: number }, Record<string, unknown>>({
  service: 'iam',
  name: 'ListServerCertificates',
  async handler(input, ctx) {
    const page = await ctx.store.listServerCertificates(pathPageRequest(input))
    return { ServerCertificateMetadataList: page.items.map(serverCertificateMetadata), ...pageOutput(page) }
  }
})
