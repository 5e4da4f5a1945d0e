/**
 * ListSSHPublicKeys (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListSSHPublicKeys.html):
 * metadata only (no key bodies); `UserName` defaults to the caller, root has none.
 */
import { defineOperation } from '../../server/operation.js'
import { targetUserArn, targetUserName } from '../access-keys/target-user.js'
import { pageInMemory } from '../roles/memory-page.js'
import { pageOutput } from '../shared/paging.js'
import { sshKeyMetadata } from './ssh-key-output.js'

export const listSshPublicKeys = defineOperation<{ UserName?: string; Marker?: string; MaxItems?: number }, Record<string, unknown>>({
  service: 'iam',
  name: 'ListSSHPublicKeys',
  resource: (input, ctx) => targetUserArn(ctx, input.UserName),
  async handler(input, ctx) {
    const name = targetUserName(ctx, input.UserName)
    const keys = name === undefined ? [] : await ctx.store.listUserCredentials('ssh-public-key', { userName: name })
    const page = pageInMemory(keys, input.Marker, input.MaxItems)
    return { SSHPublicKeys: page.items.map(sshKeyMetadata), ...pageOutput(page) }
  }
})
