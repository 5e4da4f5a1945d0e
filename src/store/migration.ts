/** One schema step; `version` is its NNN prefix. Migrations are TypeScript so builds carry them. */
export interface Migration {
  version: number
  name: string
  sql: string
}

/** What a migration run did: the schema version found and the one left behind. */
export interface MigrationResult {
  from: number
  to: number
}
