import type Database from 'better-sqlite3'
import { StoreError } from '../errors.js'
import type { Migration, MigrationResult } from '../migration.js'
import { MIGRATIONS } from './migrations/index.js'

export type { MigrationResult }

/**
 * Brings the schema up to date, all steps in one IMMEDIATE transaction (so two processes
 * opening one file cannot both apply a step). Every known migration that the database has
 * not recorded is applied, in version order, even one numbered below the newest recorded
 * (branches developed in parallel reserve their numbers, so a database may have met 3
 * before 2). A database that records a version this code does not know is refused:
 * running old code on it could corrupt it.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): MigrationResult {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0)
  const known = new Set(migrations.map((m) => m.version))
  const apply = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT`)
    const applied = new Set((db.prepare('SELECT version FROM schema_version').all() as { version: number }[]).map((r) => r.version))
    const from = Math.max(0, ...applied)
    const unknown = [...applied].filter((v) => !known.has(v)).sort((a, b) => b - a)[0]
    if (unknown !== undefined && unknown > latest) {
      throw new StoreError(
        'Unavailable',
        `database schema version ${unknown} is newer than this version of Warden supports (${latest}): upgrade Warden, or use a data directory made by this version`
      )
    }
    if (unknown !== undefined) {
      throw new StoreError(
        'Unavailable',
        `database has schema step ${unknown}, which this version of Warden does not know: use the Warden build that made this data directory`
      )
    }
    const record = db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)')
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue
      db.exec(m.sql)
      record.run(m.version, m.name, new Date().toISOString())
    }
    return { from, to: Math.max(from, latest) }
  })
  return apply.immediate()
}

/** The schema version recorded in `db` (0 for a database never migrated). */
export function schemaVersion(db: Database.Database): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get()
  if (!exists) return 0
  const row = db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null }
  return row.v ?? 0
}
