import type { Migration } from '../../migration.js'
import { sql as initial } from './001-initial.js'
import { sql as credentialReport } from './002-credential-report.js'
import { sql as rootCredentials } from './003-root-credentials.js'

/**
 * Every PostgreSQL migration, in order. Versions and names match sqlite/migrations one for
 * one (a test holds them together), so a schema version means the same thing on both.
 */
export const PG_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'credential-report', sql: credentialReport },
  { version: 3, name: 'root-credentials', sql: rootCredentials }
]
