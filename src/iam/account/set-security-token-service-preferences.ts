/**
 * SetSecurityTokenServicePreferences (https://docs.aws.amazon.com/IAM/latest/APIReference/API_SetSecurityTokenServicePreferences.html):
 * the version of the tokens the global STS endpoint issues, kept per account and reported
 * by GetAccountSummary as GlobalEndpointTokenVersion (1 or 2). Warden's session tokens are
 * valid in every region either way.
 */
import { defineOperation } from '../../server/operation.js'
import type { GlobalEndpointTokenVersion } from '../../store/index.js'

export const setSecurityTokenServicePreferences = defineOperation<{ GlobalEndpointTokenVersion: GlobalEndpointTokenVersion }, undefined>({
  service: 'iam',
  name: 'SetSecurityTokenServicePreferences',
  async handler(input, ctx) {
    await ctx.store.setGlobalEndpointTokenVersion(input.GlobalEndpointTokenVersion)
    return undefined
  }
})
