/**
 * CreateAccountAlias, DeleteAccountAlias and ListAccountAliases
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccountAlias.html). An
 * account has one alias; creating another replaces it (AWS Sign-In User Guide, "Creating,
 * deleting, and listing an AWS account alias"). The alias syntax (3-63 lowercase letters,
 * digits and single hyphens, no hyphen at either end) is the model's pattern, checked by
 * the decoder before the handler runs.
 */
import { defineOperation } from '../../server/operation.js'
import { pageInMemory } from '../roles/memory-page.js'
import { iamError } from '../shared/errors.js'
import { pageOutput } from '../shared/paging.js'

export const createAccountAlias = defineOperation<{ AccountAlias: string }, undefined>({
  service: 'iam',
  name: 'CreateAccountAlias',
  async handler(input, ctx) {
    const account = await ctx.store.getAccount()
    // Aliases are unique in the partition; the only alias taken here is this account's own.
    if (account?.alias === input.AccountAlias) throw iamError('EntityAlreadyExists', `The account alias ${input.AccountAlias} already exists.`)
    await ctx.store.setAccountAlias(input.AccountAlias)
    return undefined
  }
})

export const deleteAccountAlias = defineOperation<{ AccountAlias: string }, undefined>({
  service: 'iam',
  name: 'DeleteAccountAlias',
  async handler(input, ctx) {
    const account = await ctx.store.getAccount()
    if (account?.alias !== input.AccountAlias) throw iamError('NoSuchEntity', `The account alias ${input.AccountAlias} cannot be found.`)
    await ctx.store.setAccountAlias(undefined)
    return undefined
  }
})

export const listAccountAliases = defineOperation<{ Marker?: string; MaxItems?: number }, Record<string, unknown>>({
  service: 'iam',
  name: 'ListAccountAliases',
  async handler(input, ctx) {
    const alias = (await ctx.store.getAccount())?.alias
    const page = pageInMemory(alias === undefined ? [] : [alias], input.Marker, input.MaxItems)
    return { AccountAliases: page.items, ...pageOutput(page) }
  }
})
