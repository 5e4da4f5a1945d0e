/**
 * GetAccountPasswordPolicy, UpdateAccountPasswordPolicy and DeleteAccountPasswordPolicy
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html).
 * Update is not partial: a parameter left out takes its default (length 6, no character
 * classes, no expiry, no reuse prevention, no hard expiry). The ranges (length 6-128,
 * age 1-1095 days, reuse 1-24) are the model's and are checked by the decoder.
 */
import { defineOperation, type OperationContext } from '../../server/operation.js'
import type { PasswordPolicy } from '../../store/index.js'
import { iamError } from '../shared/errors.js'

interface UpdateInput {
  MinimumPasswordLength?: number
  RequireSymbols?: boolean
  RequireNumbers?: boolean
  RequireUppercaseCharacters?: boolean
  RequireLowercaseCharacters?: boolean
  AllowUsersToChangePassword?: boolean
  MaxPasswordAge?: number
  PasswordReusePrevention?: number
  HardExpiry?: boolean
}

/** What UpdateAccountPasswordPolicy sets for each parameter left out. */
const DEFAULTS: Required<PasswordPolicy> = {
  minimumPasswordLength: 6,
  requireSymbols: false,
  requireNumbers: false,
  requireUppercaseCharacters: false,
  requireLowercaseCharacters: false,
  allowUsersToChangePassword: false,
  expirePasswords: false,
  maxPasswordAge: 0,
  passwordReusePrevention: 0,
  hardExpiry: false
}

function noPolicy(ctx: OperationContext): Error {
  return iamError('NoSuchEntity', `The Password Policy with domain name ${ctx.accountId} cannot be found.`)
}

/** The stored policy, or IAM's NoSuchEntity error. */
async function requirePolicy(ctx: OperationContext): Promise<PasswordPolicy> {
  const policy = (await ctx.store.getAccount())?.passwordPolicy
  if (policy === undefined) throw noPolicy(ctx)
  return policy
}

export const getAccountPasswordPolicy = defineOperation<Record<string, never>, { PasswordPolicy: Record<string, unknown> }>({
  service: 'iam',
  name: 'GetAccountPasswordPolicy',
  async handler(_input, ctx) {
    const p = { ...DEFAULTS, ...(await requirePolicy(ctx)) }
    const out: Record<string, unknown> = {
      MinimumPasswordLength: p.minimumPasswordLength,
      RequireSymbols: p.requireSymbols,
      RequireNumbers: p.requireNumbers,
      RequireUppercaseCharacters: p.requireUppercaseCharacters,
      RequireLowercaseCharacters: p.requireLowercaseCharacters,
      AllowUsersToChangePassword: p.allowUsersToChangePassword,
      ExpirePasswords: p.maxPasswordAge > 0
    }
    // Unset age and reuse prevention are left out (the model's ranges start at 1).
    if (p.maxPasswordAge > 0) out.MaxPasswordAge = p.maxPasswordAge
    if (p.passwordReusePrevention > 0) out.PasswordReusePrevention = p.passwordReusePrevention
    out.HardExpiry = p.hardExpiry
    return { PasswordPolicy: out }
  }
})

export const updateAccountPasswordPolicy = defineOperation<UpdateInput, undefined>({
  service: 'iam',
  name: 'UpdateAccountPasswordPolicy',
  async handler(input, ctx) {
    const given: PasswordPolicy = {
      minimumPasswordLength: input.MinimumPasswordLength,
      requireSymbols: input.RequireSymbols,
      requireNumbers: input.RequireNumbers,
      requireUppercaseCharacters: input.RequireUppercaseCharacters,
      requireLowercaseCharacters: input.RequireLowercaseCharacters,
      allowUsersToChangePassword: input.AllowUsersToChangePassword,
      maxPasswordAge: input.MaxPasswordAge,
      passwordReusePrevention: input.PasswordReusePrevention,
      hardExpiry: input.HardExpiry
    }
    const policy: PasswordPolicy = { ...DEFAULTS }
    for (const [k, v] of Object.entries(given) as [keyof PasswordPolicy, never][]) if (v !== undefined) policy[k] = v
    policy.expirePasswords = (policy.maxPasswordAge ?? 0) > 0
    await ctx.store.setPasswordPolicy(policy)
    return undefined
  }
})

export const deleteAccountPasswordPolicy = defineOperation<Record<string, never>, undefined>({
  service: 'iam',
  name: 'DeleteAccountPasswordPolicy',
  async handler(_input, ctx) {
    await requirePolicy(ctx)
    await ctx.store.setPasswordPolicy(undefined)
    return undefined
  }
})
