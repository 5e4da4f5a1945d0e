/** Every IAM operation Warden serves, one folder per entity. */
import type { OperationSpec } from '../server/operation.js'
import { operations as accessKeys } from './access-keys/index.js'
import { operations as groups } from './groups/index.js'
import { operations as instanceProfiles } from './instance-profiles/index.js'
import { operations as oidcProviders } from './oidc-providers/index.js'
import { operations as policies } from './policies/index.js'
import { operations as roles } from './roles/index.js'
import { operations as samlProviders } from './saml-providers/index.js'
import { operations as serviceLinkedRoles } from './service-linked-roles/index.js'
import { operations as users } from './users/index.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation has its own input/output types
export const iamOperations: OperationSpec<any, any>[] = [
  ...users,
  ...groups,
  ...roles,
  ...policies,
  ...accessKeys,
  ...instanceProfiles,
  ...serviceLinkedRoles,
  ...oidcProviders,
  ...samlProviders
]
