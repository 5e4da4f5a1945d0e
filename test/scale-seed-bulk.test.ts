/**
 * `seed:scale --bulk` (scripts/seed/pg-bulk.ts) must write the rows the Store writes: the
 * same small data set is seeded into two PostgreSQL schemas, one through the Store, one in
 * bulk, and every table it touches is compared with ids and dates replaced by what they
 * refer to (names, the entity's own creation date).
 */
import { afterAll, expect, it } from 'vitest'
import { keyMaterialFrom } from '../src/auth/key-material.js'
import { openSecret } from '../src/iam/access-keys/secret.js'
import { sqlIn, TEST_PG_URL, TestSchema } from '../src/store/postgres/testing/test-database.js'
import { bulkSeedPostgres } from '../scripts/seed/pg-bulk.js'
import { seedScale, type SeedOptions } from '../scripts/seed/scale-data.js'

const keys = keyMaterialFrom(Buffer.alloc(32, 7))
const viaStore = new TestSchema()
const viaBulk = new TestSchema()
const options: SeedOptions = { accountId: '123456789012', roles: 9, policies: 7, users: 5, batch: 4 }

afterAll(async () => {
  await viaStore.drop()
  await viaBulk.drop()
})

const COMPARED: Record<string, string> = {
  iam_policies: `SELECT name, path, arn, default_version_id, next_version, attachment_count, boundary_usage_count, description,
    create_date = update_date AS same_dates, tags, left(id, 4) AS prefix, length(id) AS id_length FROM iam_policies ORDER BY name`,
  policy_versions: `SELECT p.name, v.version_id, v.version_number, v.document, v.create_date = date_trunc('milliseconds', p.create_date) AS dated
    FROM policy_versions v JOIN iam_policies p ON p.id = v.policy_id ORDER BY p.name, v.version_id`,
  iam_roles: `SELECT name, path, assume_role_policy, description, max_session_duration, permissions_boundary_arn, last_used_date,
    last_used_region, tags, left(id, 4) AS prefix, length(id) AS id_length FROM iam_roles ORDER BY name`,
  role_policy_attachments: `SELECT r.name, a.policy_arn, p.name AS policy, a.policy_name, a.policy_path
    FROM role_policy_attachments a JOIN iam_roles r ON r.id = a.principal_id LEFT JOIN iam_policies p ON p.id = a.policy_id ORDER BY r.name`,
  iam_users: `SELECT name, path, permissions_boundary_arn, password_last_used, tags, left(id, 4) AS prefix, length(id) AS id_length FROM iam_users ORDER BY name`,
  user_policy_attachments: `SELECT u.name, a.policy_arn, p.name AS policy, a.policy_name, a.policy_path
    FROM user_policy_attachments a JOIN iam_users u ON u.id = a.principal_id LEFT JOIN iam_policies p ON p.id = a.policy_id ORDER BY u.name`,
  access_keys: `SELECT u.name, k.status, left(k.id, 4) AS prefix, length(k.id) AS id_length, k.last_used_date, k.last_used_service, k.last_used_region,
    k.create_date >= u.create_date AS dated FROM access_keys k JOIN iam_users u ON u.id = k.user_id ORDER BY u.name`,
  meta: 'SELECT key, value FROM meta ORDER BY key'
}

it('writes the rows the Store writes', async () => {
  const store = await viaStore.openEmpty()
  await store.initAccount(options.accountId)
  const storeKeys = await seedScale(store, keys, options)
  await store.close()
  const bulkStore = await viaBulk.openEmpty()
  await bulkStore.initAccount(options.accountId)
  await bulkStore.close()
  const bulkKeys = await bulkSeedPostgres(TEST_PG_URL, viaBulk.name, keys, options)

  expect(bulkKeys.map((k) => k.userName)).toEqual(storeKeys.map((k) => k.userName))
  for (const [table, sql] of Object.entries(COMPARED)) {
    const expected = await sqlIn(viaStore.name, sql)
    expect(expected.length, table).toBeGreaterThan(0)
    expect(await sqlIn(viaBulk.name, sql), table).toEqual(expected)
  }
  // Each key row holds the secret handed out, sealed as CreateAccessKey seals it.
  const rows = await sqlIn<{ id: string; secret: Buffer }>(viaBulk.name, 'SELECT id, secret FROM access_keys')
  for (const k of bulkKeys) expect(openSecret(keys, rows.find((r) => r.id === k.accessKeyId)!.secret)).toBe(k.secretAccessKey)
})
