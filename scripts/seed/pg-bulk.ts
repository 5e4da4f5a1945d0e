/**
 * The direct bulk path of the scale data set for PostgreSQL (`seed:scale --bulk`). Through
 * the Store every entity costs a savepoint and several round trips, which on a busy 2-core
 * machine seeds about 40 entities a second; here each batch is one transaction of eight
 * statements over arrays (`unnest`). The rows are the ones the Store writes for the same
 * calls (createPolicy, createRole, attachPolicy, createUser, createAccessKey): same ids,
 * defaults, counters and one revision bump per batch, which test/scale-seed-bulk.test.ts
 * checks table by table against a Store-seeded schema.
 */
import pg from 'pg'
import type { KeyMaterial } from '../../src/auth/key-material.js'
import { generateSecretAccessKey, sealSecret } from '../../src/iam/access-keys/secret.js'
import { newEntityId } from '../../src/store/index.js'
import {
  inBatches, SCALE_PATH, scalePolicyArn, scalePolicyDocument, scalePolicyName, scaleRoleDescription, scaleRoleName,
  scaleTrustDocument, scaleUserName, type SeededKey, type SeedOptions
} from './scale-data.js'

/** What IAM gives a role created without MaxSessionDuration (as the Store does). */
const DEFAULT_MAX_SESSION_DURATION = 3600

async function writeBatch(client: pg.PoolClient, keys: KeyMaterial, o: SeedOptions, from: number, to: number, out: SeededKey[]): Promise<number> {
  const policy = { id: [] as string[], name: [] as string[], arn: [] as string[], doc: [] as string[], attached: [] as number[] }
  const role = { id: [] as string[], name: [] as string[], description: [] as string[] }
  const user = { id: [] as string[], name: [] as string[] }
  const key = { id: [] as string[], userId: [] as string[], secret: [] as Buffer[] }
  const roleAttach = { principal: [] as string[], policy: [] as number[] }
  const userAttach = { principal: [] as string[], policy: [] as number[] }
  const policyIds = new Map<number, string>()
  for (let i = from; i < to; i++) {
    if (i >= o.policies) continue
    const id = newEntityId('ANPA')
    policyIds.set(i, id)
    policy.id.push(id)
    policy.name.push(scalePolicyName(i))
    policy.arn.push(scalePolicyArn(o.accountId, i))
    policy.doc.push(scalePolicyDocument(o.accountId, i))
    policy.attached.push((i < o.roles ? 1 : 0) + (i < o.users ? 1 : 0))
  }
  for (let i = from; i < to; i++) {
    if (i < o.roles) {
      const id = newEntityId('AROA')
      role.id.push(id)
      role.name.push(scaleRoleName(i))
      role.description.push(scaleRoleDescription(i))
      if (i < o.policies) {
        roleAttach.principal.push(id)
        roleAttach.policy.push(i)
      }
    }
    if (i < o.users) {
      const id = newEntityId('AIDA')
      user.id.push(id)
      user.name.push(scaleUserName(i))
      if (i < o.policies) {
        userAttach.principal.push(id)
        userAttach.policy.push(i)
      }
      const secretAccessKey = generateSecretAccessKey()
      const keyId = newEntityId('AKIA')
      key.id.push(keyId)
      key.userId.push(id)
      key.secret.push(Buffer.from(sealSecret(keys, secretAccessKey)))
      out[i] = { userName: scaleUserName(i), accessKeyId: keyId, secretAccessKey }
    }
  }
  const attach = async (table: string, a: { principal: string[]; policy: number[] }) => {
    if (a.principal.length === 0) return
    await client.query(
      `INSERT INTO ${table} (principal_id, policy_arn, policy_id, policy_name, policy_path)
       SELECT principal, arn, id, name, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(principal, arn, id, name)`,
      [a.principal, a.policy.map((i) => scalePolicyArn(o.accountId, i)), a.policy.map((i) => policyIds.get(i)), a.policy.map(scalePolicyName), SCALE_PATH])
  }
  // The Store dates v1 with the policy's creation date read back into JavaScript (milliseconds).
  await client.query('BEGIN')
  try {
    await client.query(
      `INSERT INTO iam_policies (id, name, path, arn, default_version_id, next_version, attachment_count, description, create_date, update_date, tags)
       SELECT id, name, $5, arn, 'v1', 2, attached, NULL, now(), now(), '[]' FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS t(id, name, arn, attached)`,
      [policy.id, policy.name, policy.arn, policy.attached, SCALE_PATH])
    await client.query(
      `INSERT INTO policy_versions (policy_id, version_id, version_number, document, create_date)
       SELECT id, 'v1', 1, doc, date_trunc('milliseconds', now()) FROM unnest($1::text[], $2::text[]) AS t(id, doc)`, [policy.id, policy.doc])
    await client.query(
      `INSERT INTO iam_roles (id, name, path, create_date, assume_role_policy, description, max_session_duration, permissions_boundary_arn, tags)
       SELECT id, name, $3, now(), $4, description, $5, NULL, '[]' FROM unnest($1::text[], $2::text[], $6::text[]) AS t(id, name, description)`,
      [role.id, role.name, SCALE_PATH, scaleTrustDocument(o.accountId), DEFAULT_MAX_SESSION_DURATION, role.description])
    await client.query(
      `INSERT INTO iam_users (id, name, path, create_date, permissions_boundary_arn, tags)
       SELECT id, name, $3, now(), NULL, '[]' FROM unnest($1::text[], $2::text[]) AS t(id, name)`, [user.id, user.name, SCALE_PATH])
    await attach('role_policy_attachments', roleAttach)
    await attach('user_policy_attachments', userAttach)
    await client.query(
      `INSERT INTO access_keys (id, user_id, status, secret, create_date)
       SELECT id, user_id, 'Active', secret, now() FROM unnest($1::text[], $2::text[], $3::bytea[]) AS t(id, user_id, secret)`,
      [key.id, key.userId, key.secret])
    // Attachments change permissions: the Store bumps the revision once per such transaction.
    if (roleAttach.principal.length + userAttach.principal.length > 0) await client.query("UPDATE meta SET value = value + 1 WHERE key = 'revision'")
    await client.query('COMMIT')
  } catch (e) {
    await client.query('ROLLBACK')
    throw e
  }
  return policy.id.length + role.id.length + user.id.length
}

/** Seeds the data set into an initialised account in `schema` with multi-row statements; returns the users' keys in user order. */
export async function bulkSeedPostgres(url: string, schema: string | undefined, keys: KeyMaterial, o: SeedOptions): Promise<SeededKey[]> {
  const pool = new pg.Pool({ connectionString: url, max: Math.max(1, o.concurrency ?? 1), ...(schema ? { options: `-c search_path=${schema}` } : {}) })
  try {
    const out = await inBatches(o, async (from, to, out) => {
      const client = await pool.connect()
      try {
        return await writeBatch(client, keys, o, from, to, out)
      } finally {
        client.release()
      }
    })
    // Fresh statistics, so the planner sees 100,000 rows at once rather than after autovacuum.
    await pool.query('ANALYZE iam_policies, policy_versions, iam_roles, iam_users, role_policy_attachments, user_policy_attachments, access_keys')
    return out
  } finally {
    await pool.end()
  }
}
