import type { ClientBase } from 'pg'
import { StoreError } from '../errors.js'
import type { Migration, MigrationResult } from '../migration.js'
import { toStoreError } from './errors.js'
import { PG_MIGRATIONS } from './migrations/index.js'

// The first key of pg_advisory_xact_lock(int, int): "Wdn1". The second is the schema's
// hash, so stores in different schemas of one database migrate independently.
const LOCK_CLASS = 0x57646e31

/**
 * Brings the schema up to the newest migration in one transaction, under a transaction-
 * scoped advisory lock: replicas starting together queue here, and each one after the
 * first finds nothing left to do. DDL is transactional in PostgreSQL, so a failing step
 * leaves the schema as it was. A schema newer than this code knows is refused, naming both
 * versions: running old code on it could corrupt it.
 */
export async function migratePostgres(client: ClientBase, schema: string | undefined, migrations: readonly Migration[] = PG_MIGRATIONS): Promise<MigrationResult> {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0)
  const known = new Set(migrations.map((m) => m.version))
  try {
    await client.query('BEGIN')
    try {
      const target = schema ?? (await client.query<{ s: string | null }>('SELECT current_schema() AS s')).rows[0]?.s ?? 'public'
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS, target])
      if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`)
      await client.query(`CREATE TABLE IF NOT EXISTS schema_version (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL
      )`)
      const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_version')).rows.map((r) => r.version))
      const from = Math.max(0, ...applied)
      const unknown = [...applied].filter((v) => !known.has(v)).sort((a, b) => b - a)[0]
      if (unknown !== undefined && unknown > latest) {
        throw new StoreError(
          'Unavailable',
          `database schema version ${unknown} is newer than this version of Warden supports (${latest}): upgrade Warden, or point it at a database made by this version`
        )
      }
      if (unknown !== undefined) {
        throw new StoreError('Unavailable', `database has schema step ${unknown}, which this version of Warden does not know: use the Warden build that made this database`)
      }
      // Every known step not yet recorded, even one numbered below the newest recorded:
      // steps written on parallel branches may land in any order (see sqlite/migrate.ts).
      for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
        if (applied.has(m.version)) continue
        await client.query(m.sql)
        await client.query('INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, now())', [m.version, m.name])
      }
      await client.query('COMMIT')
      return { from, to: Math.max(from, latest) }
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw err
    }
  } catch (err) {
    throw toStoreError(err)
  }
}

/** The schema version recorded in the connection's schema (0 for one never migrated). */
export async function pgSchemaVersion(client: ClientBase): Promise<number> {
  const exists = (await client.query<{ t: string | null }>("SELECT to_regclass('schema_version')::text AS t")).rows[0]?.t
  if (!exists) return 0
  return (await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_version')).rows[0]?.v ?? 0
}

/** A double-quoted SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}
