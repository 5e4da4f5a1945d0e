import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { StoreError } from '../errors.js'
import { migrate, schemaVersion } from './migrate.js'
import { MIGRATIONS, type Migration } from './migrations/index.js'
import { openSqliteStore } from './sqlite-store.js'

const dir = mkdtempSync(join(tmpdir(), 'warden-migrate-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const latest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0

describe('sqlite migrations', () => {
  it('migration versions are unique, ascending and start at 1', () => {
    const versions = MIGRATIONS.map((m) => m.version)
    expect(versions[0]).toBe(1)
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b))
  })

  /**
   * A step numbered below the newest (latest > 2 here): a synthetic one in a gap of the
   * numbering, or, when there is no gap, a real one left out of `before`.
   */
  function middleStep(): { before: Migration[]; after: Migration[]; step: Migration } {
    const versions = new Set(MIGRATIONS.map((m) => m.version))
    for (let v = 2; v < latest; v++) {
      if (versions.has(v)) continue
      const step = { version: v, name: 'late', sql: 'CREATE TABLE late_step (a INTEGER) STRICT' }
      return { before: [...MIGRATIONS], after: [...MIGRATIONS, step].sort((x, y) => x.version - y.version), step }
    }
    const step = MIGRATIONS.find((m) => m.version > 1 && m.version < latest)!
    return { before: MIGRATIONS.filter((m) => m !== step), after: [...MIGRATIONS], step }
  }

  it('applies a step numbered below the newest recorded one (steps from parallel branches land in any order)', () => {
    const { before, after, step } = middleStep()
    const db = new Database(':memory:')
    migrate(db, before)
    expect(db.prepare('SELECT 1 FROM schema_version WHERE version = ?').get(step.version)).toBeUndefined()
    expect(migrate(db, after)).toEqual({ from: latest, to: latest })
    expect(db.prepare('SELECT name FROM schema_version WHERE version = ?').get(step.version)).toEqual({ name: step.name })
    expect(migrate(db, after)).toEqual({ from: latest, to: latest })
    db.close()
  })

  it('refuses a database that recorded a step this code does not know, even an older number', () => {
    const { before, after, step } = middleStep()
    const db = new Database(':memory:')
    migrate(db, after)
    expect(() => migrate(db, before)).toThrow(new RegExp(`schema step ${step.version}, which this version of Warden does not know`))
    db.close()
  })

  it('a fresh database gets every migration, recorded in schema_version', () => {
    const db = new Database(':memory:')
    expect(migrate(db)).toEqual({ from: 0, to: latest })
    expect(schemaVersion(db)).toBe(latest)
    expect(db.prepare('SELECT version, name FROM schema_version ORDER BY version').all())
      .toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })))
    expect(migrate(db)).toEqual({ from: latest, to: latest })
    db.close()
  })

  it('re-opening a file keeps its data and applies nothing twice; the file is in WAL mode', async () => {
    const file = join(dir, 'reopen.db')
    const first = await openSqliteStore({ filename: file })
    await first.initAccount('123456789012')
    await first.createUser({ name: 'alice' })
    await first.close()
    const second = await openSqliteStore({ filename: file })
    expect((await second.getUser('alice'))?.name).toBe('alice')
    await second.close()
    const raw = new Database(file)
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(schemaVersion(raw)).toBe(latest)
    expect((raw.prepare('SELECT count(*) AS n FROM schema_version').get() as { n: number }).n).toBe(MIGRATIONS.length)
    raw.close()
  })

  it('refuses a database with a newer schema than the code knows, with a clear message', async () => {
    const file = join(dir, 'newer.db')
    const raw = new Database(file)
    migrate(raw)
    raw.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)').run(latest + 1, 'future', new Date().toISOString())
    raw.close()
    const err = await openSqliteStore({ filename: file }).then(() => undefined, (e: unknown) => e)
    expect(err).toBeInstanceOf(StoreError)
    expect((err as StoreError).kind).toBe('Unavailable')
    expect((err as StoreError).message).toContain(`database schema version ${latest + 1} is newer than this version of Warden supports (${latest})`)
  })

  it('a failing migration leaves the schema as it was', () => {
    const db = new Database(':memory:')
    migrate(db)
    const broken = [...MIGRATIONS, { version: latest + 1, name: 'broken', sql: 'CREATE TABLE half_done (a); THIS IS NOT SQL' }]
    expect(() => migrate(db, broken)).toThrow()
    expect(schemaVersion(db)).toBe(latest)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined()
    db.close()
  })

  it('the request-path lookups use indexes, never a table scan', () => {
    const db = new Database(':memory:')
    migrate(db)
    const plans: [string, unknown[]][] = [
      ['SELECT * FROM iam_users WHERE lower(name) = lower(?)', ['x']],
      ['SELECT * FROM iam_roles WHERE lower(name) = lower(?)', ['x']],
      ['SELECT * FROM access_keys k JOIN iam_users u ON u.id = k.user_id WHERE k.id = ?', ['x']],
      ['SELECT * FROM iam_policies WHERE arn = ?', ['x']],
      ['SELECT * FROM role_policy_attachments WHERE principal_id = ?', ['x']],
      ['SELECT * FROM group_members WHERE user_id = ?', ['x']],
      ['SELECT * FROM oidc_providers WHERE lower(name) = lower(?)', ['x']],
      ['SELECT * FROM saml_providers WHERE lower(name) = lower(?)', ['x']],
      ['SELECT * FROM server_certificates WHERE lower(name) = lower(?)', ['x']],
      ['SELECT *, lower(name) AS sort_key FROM server_certificates WHERE 1 = 1 AND sort_key > ? ORDER BY sort_key LIMIT 10', ['a']],
      ['SELECT *, lower(name) AS sort_key FROM iam_users WHERE 1 = 1 AND sort_key > ? ORDER BY sort_key LIMIT 10', ['a']]
    ]
    for (const [sql, params] of plans) {
      const detail = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('; ')
      expect(detail, sql).not.toMatch(/^SCAN \w+$|SCAN \w+(;|$)/)
      expect(detail, sql).not.toContain('TEMP B-TREE')
    }
    // A page after a marker seeks straight to the key instead of walking the index from the start.
    const page = db.prepare('EXPLAIN QUERY PLAN SELECT *, lower(name) AS sort_key FROM iam_roles WHERE 1 = 1 AND sort_key > ? ORDER BY sort_key LIMIT 10').all('a')
    expect((page as { detail: string }[]).map((r) => r.detail).join('; ')).toMatch(/^SEARCH \w+ USING INDEX iam_roles_name/)
    db.close()
  })
})
