/**
 * ListSigningCertificates (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListSigningCertificates.html):
 * the user's certificates with their bodies; `UserName` defaults to the caller, root has none here.
 */
import { defineOperation } from '../../server/operation.js'
import { targetUserArn, targetUserName } from '../access-keys/target-user.js'
import { pageInMemory } from '../roles/memory-page.js'
import { pageOutput } from '../shared/paging.js'
import { certificateOutput } from './certificate.js'

export const listSigningCertificates = defineOperation<{ UserName?: string; Marker?: string; MaxItems?: number }, Record<string, unknown>>({
  service: 'iam',
  name: 'ListSigningCertificates',
  resource: (input, ctx) => targetUserArn(ctx, input.UserName),
  async handler(input, ctx) {
    const name = targetUserName(ctx, input.UserName)
    const certs = name === undefined ? [] : await ctx.store.listUserCredentials('signing-certificate', { userName: name })
    const page = pageInMemory(certs, input.Marker, input.MaxItems)
    return { Certificates: page.items.map(certificateOutput), ...pageOutput(page) }
  }
})
