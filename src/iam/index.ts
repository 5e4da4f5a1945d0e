/** Every IAM operation Warden serves, one folder per entity. */
import type { OperationSpec } from '../server/operation.js'
import { operations as account } from './account/index.js'
import { operations as accessKeys } from './access-keys/index.js'
import { operations as groups } from './groups/index.js'
import { operations as instanceProfiles } from './instance-profiles/index.js'
import { operations as loginProfiles } from './login-profiles/index.js'
import { operations as mfaDevices } from './mfa-devices/index.js'
import { operations as oidcProviders } from './oidc-providers/index.js'
import { operations as outboundFederation } from './outbound-federation/index.js'
import { operations as policies } from './policies/index.js'
import { operations as roles } from './roles/index.js'
import { operations as samlProviders } from './saml-providers/index.js'
import { operations as serverCertificates } from './server-certificates/index.js'
import { operations as serviceSpecificCredentials } from './service-specific-credentials/index.js'
import { operations as serviceLinkedRoles } from './service-linked-roles/index.js'
import { operations as signingCertificates } from './signing-certificates/index.js'
import { operations as simulator } from './simulator/index.js'
import { operations as sshPublicKeys } from './ssh-public-keys/index.js'
import { operations as users } from './users/index.js'
import { operations as serviceLastAccessed } from './service-last-accessed/index.js'
import { operations as delegationRequests } from './delegation-requests/index.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation has its own input/output types
export const iamOperations: OperationSpec<any, any>[] = [
  ...users,
  ...groups,
  ...roles,
  ...policies,
  ...accessKeys,
  ...instanceProfiles,
  ...serviceLinkedRoles,
  ...account,
  ...simulator,
  ...loginProfiles,
  ...mfaDevices,
  ...sshPublicKeys,
  ...signingCertificates,
  ...serviceSpecificCredentials,
  ...oidcProviders,
  ...samlProviders,
  ...outboundFederation,
  ...serverCertificates,
  ...serviceLastAccessed,
  ...delegationRequests
]
