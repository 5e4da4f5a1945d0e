/**
 * ListServiceSpecificCredentials (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListServiceSpecificCredentials.html):
 * metadata (never passwords) of the user's credentials (`UserName` defaults to the caller),
 * or with AllUsers of everyone's; optionally of one service.
 */
import { defineOperation } from '../../server/operation.js'
import { targetUserArn, targetUserName } from '../access-keys/target-user.js'
import { pageInMemory } from '../roles/memory-page.js'
import { iamError } from '../shared/errors.js'
import { pageOutput } from '../shared/paging.js'
import { credentialMetadata, requireSupportedService } from './service-credential.js'

interface ListInput {
  UserName?: string
  ServiceName?: string
  AllUsers?: boolean
  Marker?: string
  MaxItems?: number
}

export const listServiceSpecificCredentials = defineOperation<ListInput, Record<string, unknown>>({
  service: 'iam',
  name: 'ListServiceSpecificCredentials',
  resource: (input, ctx) => (input.AllUsers === true ? `arn:aws:iam::${ctx.accountId}:user/*` : targetUserArn(ctx, input.UserName)),
  async handler(input, ctx) {
    if (input.ServiceName !== undefined) requireSupportedService(input.ServiceName)
    if (input.AllUsers === true && input.UserName !== undefined) throw iamError('InvalidInput', 'AllUsers cannot be specified together with UserName.')
    const userName = input.AllUsers === true ? undefined : targetUserName(ctx, input.UserName)
    const creds = input.AllUsers !== true && userName === undefined
      ? []
      : await ctx.store.listUserCredentials('service-specific-credential', {
        ...(userName !== undefined ? { userName } : {}),
        ...(input.ServiceName !== undefined ? { serviceName: input.ServiceName } : {})
      })
    const page = pageInMemory(creds, input.Marker, input.MaxItems)
    return { ServiceSpecificCredentials: page.items.map(credentialMetadata), ...pageOutput(page) }
  }
})
