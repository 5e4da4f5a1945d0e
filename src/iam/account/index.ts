/** The IAM operations on the account as a whole, collected by src/iam/index.ts. */
import type { OperationSpec } from '../../server/operation.js'
import { createAccountAlias, deleteAccountAlias, listAccountAliases } from './account-alias.js'
import { deleteAccountPasswordPolicy, getAccountPasswordPolicy, updateAccountPasswordPolicy } from './account-password-policy.js'
import { generateCredentialReport } from './generate-credential-report.js'
import { getAccountAuthorizationDetails } from './get-account-authorization-details.js'
import { getAccountSummary } from './get-account-summary.js'
import { getCredentialReport } from './get-credential-report.js'
import { setSecurityTokenServicePreferences } from './set-security-token-service-preferences.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation has its own input/output types
export const operations: OperationSpec<any, any>[] = [
  getAccountAuthorizationDetails,
  getAccountSummary,
  createAccountAlias,
  deleteAccountAlias,
  listAccountAliases,
  getAccountPasswordPolicy,
  updateAccountPasswordPolicy,
  deleteAccountPasswordPolicy,
  generateCredentialReport,
  getCredentialReport,
  setSecurityTokenServicePreferences
]
