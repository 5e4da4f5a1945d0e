/**
 * The Store contract: one suite every implementation must pass (SQLite always, PostgreSQL
 * when a DSN is given). Each test gets a fresh, empty store from `makeStore` with the
 * account initialized.
 */
import { afterEach, beforeEach, describe } from 'vitest'
import { accessKeyCases } from './contract/access-key-cases.js'
import { accountCases } from './contract/account-cases.js'
import { attachmentCases } from './contract/attachment-cases.js'
import { concurrencyCases } from './contract/concurrency-cases.js'
import { delegationCases } from './contract/delegation-cases.js'
import { federationCases } from './contract/federation-cases.js'
import { groupCases } from './contract/group-cases.js'
import { ACCOUNT_ID, type Harness } from './contract/harness.js'
import { instanceProfileCases } from './contract/instance-profile-cases.js'
import { loginProfileCases } from './contract/login-profile-cases.js'
import { mfaDeviceCases } from './contract/mfa-device-cases.js'
import { outboundFederationCases } from './contract/outbound-federation-cases.js'
import { paginationCases } from './contract/pagination-cases.js'
import { policyCases } from './contract/policy-cases.js'
import { principalPoliciesCases } from './contract/principal-policies-cases.js'
import { restoreCases } from './contract/restore-cases.js'
import { roleCases } from './contract/role-cases.js'
import { serverCertificateCases } from './contract/server-certificate-cases.js'
import { serviceAccessCases } from './contract/service-access-cases.js'
import { transactionCases } from './contract/transaction-cases.js'
import { userCases } from './contract/user-cases.js'
import { userCredentialCases } from './contract/user-credential-cases.js'
import type { Store } from './store.js'

/** Registers the whole contract suite under `name`; `makeStore` must return a new, empty store per call. */
export function runStoreContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let current: Store | undefined
    const h: Harness = {
      store: () => {
        if (!current) throw new Error('no store: the contract harness is not set up')
        return current
      }
    }
    beforeEach(async () => {
      current = await makeStore()
      await current.initAccount(ACCOUNT_ID)
    })
    afterEach(async () => {
      await current?.close()
      current = undefined
    })
    accountCases(h)
    userCases(h)
    groupCases(h)
    roleCases(h)
    policyCases(h)
    attachmentCases(h)
    accessKeyCases(h)
    instanceProfileCases(h)
    federationCases(h)
    principalPoliciesCases(h)
    restoreCases(h)
    paginationCases(h)
    transactionCases(h)
    concurrencyCases(h)
    loginProfileCases(h)
    mfaDeviceCases(h)
    userCredentialCases(h)
    outboundFederationCases(h)
    serverCertificateCases(h)
    serviceAccessCases(h)
    delegationCases(h)
  })
}
