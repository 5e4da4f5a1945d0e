import type { Migration } from '../../migration.js'
import { sql as initial } from './001-initial.js'
import { sql as credentialReport } from './002-credential-report.js'
import { sql as people } from './003-people.js'
import { sql as federation } from './004-federation.js'
import { sql as rootCredentials } from './005-root-credentials.js'
import { sql as serverCertificates } from './006-server-certificates.js'
import { sql as serviceLastAccessed } from './007-service-last-accessed.js'
import { sql as outboundFederation } from './008-outbound-federation.js'
import { sql as delegationRequests } from './009-delegation-requests.js'
import { sql as scaleIndexes } from './010-scale-indexes.js'

/**
 * Every PostgreSQL migration, by version. Versions and names match sqlite/migrations one for
 * one (a test holds them together), so a schema version means the same thing on both.
 */
export const PG_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'credential-report', sql: credentialReport },
  { version: 3, name: 'people', sql: people },
  { version: 4, name: 'federation', sql: federation },
  { version: 5, name: 'root-credentials', sql: rootCredentials },
  { version: 6, name: 'server-certificates', sql: serverCertificates },
  { version: 7, name: 'service-last-accessed', sql: serviceLastAccessed },
  { version: 8, name: 'outbound-federation', sql: outboundFederation },
  { version: 9, name: 'delegation-requests', sql: delegationRequests },
  { version: 10, name: 'scale-indexes', sql: scaleIndexes }
]
