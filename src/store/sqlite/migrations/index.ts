import { sql as initial } from './001-initial.js'
import { sql as credentialReport } from './002-credential-report.js'
import { sql as people } from './003-people.js'

/** One schema step; `version` is its NNN prefix. Migrations are TypeScript so builds carry them. */
export interface Migration {
  version: number
  name: string
  sql: string
}

/** Every migration, in order; append, never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'credential-report', sql: credentialReport },
  { version: 3, name: 'people', sql: people }
]
