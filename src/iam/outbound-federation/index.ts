/** The IAM operations of this folder, collected by src/iam/index.ts. */
import type { OperationSpec } from '../../server/operation.js'
import { disableOutboundWebIdentityFederation, enableOutboundWebIdentityFederation, getOutboundWebIdentityFederationInfo } from './outbound-federation.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation has its own input/output types
export const operations: OperationSpec<any, any>[] = [
  enableOutboundWebIdentityFederation,
  disableOutboundWebIdentityFederation,
  getOutboundWebIdentityFederationInfo
]

export { DISCOVERY_SUFFIX, ISSUER_PATH_PREFIX, JWKS_SUFFIX, discoveryDocument, isOutboundIssuer, issuerUrl } from './issuer.js'
