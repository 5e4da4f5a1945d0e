import type { Migration } from '../../migration.js'
import { sql as initial } from './001-initial.js'
import { sql as credentialReport } from './002-credential-report.js'
import { sql as rootCredentials } from './003-root-credentials.js'

export type { Migration }

/** Every migration, in order; append, never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'credential-report', sql: credentialReport },
  { version: 3, name: 'root-credentials', sql: rootCredentials }
]
