import pg from 'pg'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { StoreError } from '../errors.js'
import { MIGRATIONS } from '../sqlite/migrations/index.js'
import { migratePostgres, pgSchemaVersion } from './migrate.js'
import { PG_MIGRATIONS } from './migrations/index.js'
import { migratePostgresDatabase, openPostgresStore } from './pg-store.js'
import { TEST_PG_URL, TestSchema, sqlIn } from './testing/test-database.js'

const latest = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]?.version ?? 0
const schemas: TestSchema[] = []
afterAll(async () => { await Promise.all(schemas.map((s) => s.drop())) })

function newSchema(): TestSchema {
  const s = new TestSchema()
  schemas.push(s)
  return s
}

/** A client whose search_path is the schema (which need not exist yet). */
async function clientIn(schema: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: TEST_PG_URL, options: `-c search_path=${schema}` })
  await c.connect()
  return c
}

const clients: pg.Client[] = []
afterEach(async () => { await Promise.all(clients.splice(0).map((c) => c.end())) })

describe('postgres migrations', () => {
  it('has the same versions and names as the SQLite migrations, so a version means one schema', () => {
    expect(PG_MIGRATIONS.map((m) => [m.version, m.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]))
    const versions = PG_MIGRATIONS.map((m) => m.version)
    expect(versions[0]).toBe(1)
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b))
  })

  it('applies a step numbered below the newest recorded one, and refuses a recorded step it does not know', async () => {
    // Steps written on parallel branches may land in any order: a database that met a later
    // step first still gets the earlier one.
    const step = PG_MIGRATIONS.find((m) => m.version > 1 && m.version < latest)!
    const before = PG_MIGRATIONS.filter((m) => m !== step)
    const schema = newSchema()
    const c = await clientIn(schema.name)
    clients.push(c)
    expect(await migratePostgres(c, schema.name, before)).toEqual({ from: 0, to: latest })
    expect(await sqlIn(schema.name, 'SELECT version FROM schema_version WHERE version = $1', [step.version])).toEqual([])
    expect(await migratePostgres(c, schema.name)).toEqual({ from: latest, to: latest })
    expect(await sqlIn(schema.name, 'SELECT name FROM schema_version WHERE version = $1', [step.version])).toEqual([{ name: step.name }])
    const err = await migratePostgres(c, schema.name, before).then(() => undefined, (e: unknown) => e)
    expect((err as StoreError).message).toContain(`schema step ${step.version}, which this version of Warden does not know`)
  })

  it('a fresh schema gets every migration, recorded in schema_version; running again applies nothing', async () => {
    const schema = newSchema()
    expect(await migratePostgresDatabase({ url: TEST_PG_URL, schema: schema.name })).toEqual({ from: 0, to: latest })
    expect(await migratePostgresDatabase({ url: TEST_PG_URL, schema: schema.name })).toEqual({ from: latest, to: latest })
    expect(await sqlIn(schema.name, 'SELECT version, name FROM schema_version ORDER BY version'))
      .toEqual(PG_MIGRATIONS.map((m) => ({ version: m.version, name: m.name })))
  })

  it('replicas opening one fresh database together: every one starts, each step is applied once', async () => {
    const schema = newSchema()
    const stores = await Promise.all(Array.from({ length: 6 }, () => schema.open({ poolSize: 1 })))
    try {
      await Promise.all(stores.map((s) => s.initAccount('123456789012')))
      expect(await sqlIn(schema.name, 'SELECT count(*)::int AS n FROM schema_version')).toEqual([{ n: PG_MIGRATIONS.length }])
      expect((await stores[5]!.getAccount())?.id).toBe('123456789012')
    } finally {
      await Promise.all(stores.map((s) => s.close()))
    }
  })

  it('refuses a database with a newer schema than the code knows, naming both versions', async () => {
    const schema = newSchema()
    await migratePostgresDatabase({ url: TEST_PG_URL, schema: schema.name })
    await sqlIn(schema.name, "INSERT INTO schema_version (version, name, applied_at) VALUES ($1, 'future', now())", [latest + 1])
    const err = await openPostgresStore({ url: TEST_PG_URL, schema: schema.name }).then(() => undefined, (e: unknown) => e)
    expect(err).toBeInstanceOf(StoreError)
    expect((err as StoreError).kind).toBe('Unavailable')
    expect((err as StoreError).message).toContain(`database schema version ${latest + 1} is newer than this version of Warden supports (${latest})`)
  })

  it('a failing migration leaves the schema as it was', async () => {
    const schema = newSchema()
    await migratePostgresDatabase({ url: TEST_PG_URL, schema: schema.name })
    const c = await clientIn(schema.name)
    clients.push(c)
    const broken = [...PG_MIGRATIONS, { version: latest + 1, name: 'broken', sql: 'CREATE TABLE half_done (a int); THIS IS NOT SQL' }]
    await expect(migratePostgres(c, schema.name, broken)).rejects.toBeInstanceOf(StoreError)
    expect(await pgSchemaVersion(c)).toBe(latest)
    expect((await c.query("SELECT to_regclass('half_done') AS t")).rows[0]).toEqual({ t: null })
  })

  it('the request-path lookups and keyset pages use indexes (plans with sequential scans disabled)', async () => {
    const schema = newSchema()
    await migratePostgresDatabase({ url: TEST_PG_URL, schema: schema.name })
    const c = await clientIn(schema.name)
    clients.push(c)
    // Empty tables make any plan cheap; forbidding sequential scans shows whether an index can serve.
    await c.query('SET enable_seqscan = off')
    const plans: [string, unknown[], RegExp][] = [
      ['SELECT * FROM iam_users WHERE lower(name) = lower($1)', ['x'], /iam_users_name/],
      ['SELECT * FROM iam_roles WHERE lower(name) = lower($1)', ['x'], /iam_roles_name/],
      ['SELECT * FROM access_keys k JOIN iam_users u ON u.id = k.user_id WHERE k.id = $1', ['x'], /access_keys_pkey/],
      ['SELECT * FROM iam_policies WHERE arn = $1', ['x'], /iam_policies_arn_key/],
      ['SELECT * FROM role_policy_attachments WHERE principal_id = $1', ['x'], /role_policy_attachments_pkey/],
      ['SELECT * FROM group_members WHERE user_id = $1', ['x'], /group_members_user/],
      ['SELECT * FROM server_certificates WHERE lower(name) = lower($1)', ['x'], /server_certificates_name/],
      ['SELECT *, lower(name) AS sort_key FROM server_certificates WHERE 1 = 1 AND lower(name) > $1 ORDER BY lower(name) LIMIT 10', ['a'], /server_certificates_name/],
      ['SELECT *, lower(name) AS sort_key FROM iam_roles WHERE 1 = 1 AND lower(name) > $1 ORDER BY lower(name) LIMIT 10', ['a'], /Index Cond: \(lower\(name\) > /]
    ]
    for (const [sql, params, expected] of plans) {
      const plan = (await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n')
      expect(plan, sql).not.toMatch(/Seq Scan|Sort\b/)
      expect(plan, sql).toMatch(expected)
    }
  })
})
