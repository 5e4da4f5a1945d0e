/** Every STS operation Warden serves. */
import type { OperationSpec } from '../server/operation.js'
import { assumeRole } from './assume-role.js'
import { assumeRoleWithSAML } from './assume-role-with-saml.js'
import { assumeRoleWithWebIdentity } from './assume-role-with-web-identity.js'
import { decodeAuthorizationMessage } from './decode-authorization-message.js'
import { getAccessKeyInfo } from './get-access-key-info.js'
import { getCallerIdentity } from './get-caller-identity.js'
import { getDelegatedAccessToken } from './get-delegated-access-token.js'
import { getFederationToken } from './get-federation-token.js'
import { getSessionToken } from './get-session-token.js'
import { getWebIdentityToken } from './get-web-identity-token.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation has its own input/output types
export const stsOperations: OperationSpec<any, any>[] = [
  getCallerIdentity,
  assumeRole,
  assumeRoleWithWebIdentity,
  assumeRoleWithSAML,
  getSessionToken,
  getFederationToken,
  getAccessKeyInfo,
  decodeAuthorizationMessage,
  getWebIdentityToken,
  getDelegatedAccessToken
]
