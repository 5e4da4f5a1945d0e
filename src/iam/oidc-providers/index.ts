/** The IAM operations of this folder, collected by src/iam/index.ts. */
import type { OperationSpec } from '../../server/operation.js'
import { createOpenIDConnectProvider } from './create-open-id-connect-provider.js'
import { deleteOpenIDConnectProvider } from './delete-open-id-connect-provider.js'
import { getOpenIDConnectProvider } from './get-open-id-connect-provider.js'
import { listOpenIDConnectProviders } from './list-open-id-connect-providers.js'
import { oidcProviderTagOperations } from './oidc-provider-tags.js'
import { addClientIDToOpenIDConnectProvider, removeClientIDFromOpenIDConnectProvider, updateOpenIDConnectProviderThumbprint } from './oidc-provider-updates.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation has its own input/output types
export const operations: OperationSpec<any, any>[] = [
  createOpenIDConnectProvider,
  getOpenIDConnectProvider,
  listOpenIDConnectProviders,
  deleteOpenIDConnectProvider,
  addClientIDToOpenIDConnectProvider,
  removeClientIDFromOpenIDConnectProvider,
  updateOpenIDConnectProviderThumbprint,
  ...oidcProviderTagOperations
]

export { issuerProviderName, parseProviderUrl, type ProviderUrl } from './provider-url.js'
