/** Service last accessed data (access advisor), collected by src/iam/index.ts. */
import type { OperationSpec } from '../../server/operation.js'
import { generateServiceLastAccessedDetails } from './generate-service-last-accessed-details.js'
import { getServiceLastAccessedDetailsWithEntities } from './get-service-last-accessed-details-with-entities.js'
import { getServiceLastAccessedDetails } from './get-service-last-accessed-details.js'
import { listPoliciesGrantingServiceAccess } from './list-policies-granting-service-access.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation has its own input/output types
export const operations: OperationSpec<any, any>[] = [
  generateServiceLastAccessedDetails,
  getServiceLastAccessedDetails,
  getServiceLastAccessedDetailsWithEntities,
  listPoliciesGrantingServiceAccess
]
