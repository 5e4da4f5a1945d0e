/**
 * The scale data set (issue 6): N roles, N customer managed policies and M users with one
 * access key each, written through the Store interface in large transactions (one per
 * batch of entities), so the rows are exactly those the API would write. Every name is
 * under the path `/scale/` and numbered, so a benchmark can address any entity:
 *
 * - policy `scale-policy-<i>`: allows iam:GetRole and sts:AssumeRole on the seeded roles
 *   and s3:GetObject on a bucket of its own (so no two documents are the same text);
 * - role `scale-role-<i>`: trusts the account (any principal of it allowed to assume it),
 *   policy i attached;
 * - user `scale-user-<j>`: policy j attached, one active access key (its secret sealed with
 *   the master key as CreateAccessKey seals it; returned to the caller, never stored plain).
 */
import type { KeyMaterial } from '../../src/auth/key-material.js'
import { generateSecretAccessKey, sealSecret } from '../../src/iam/access-keys/secret.js'
import type { Store } from '../../src/store/index.js'

export interface ScaleCounts {
  roles: number
  policies: number
  users: number
}

export interface SeededKey {
  userName: string
  accessKeyId: string
  secretAccessKey: string
}

export interface SeedOptions extends ScaleCounts {
  accountId: string
  /** Entities per transaction (default 2,000). */
  batch?: number
  /** Transactions in flight together (default 1; PostgreSQL gains from 2-4, SQLite has one writer). */
  concurrency?: number
  /** Called after each batch with the entities written so far. */
  progress?: (done: number, total: number) => void
}

const pad = (i: number): string => String(i).padStart(6, '0')
export const scaleRoleName = (i: number): string => `scale-role-${pad(i)}`
export const scalePolicyName = (i: number): string => `scale-policy-${pad(i)}`
export const scaleUserName = (j: number): string => `scale-user-${pad(j)}`
export const SCALE_PATH = '/scale/'

export const scaleRoleDescription = (i: number): string => `scale role ${i}`

export function scalePolicyArn(accountId: string, i: number): string {
  return `arn:aws:iam::${accountId}:policy${SCALE_PATH}${scalePolicyName(i)}`
}

export function scaleRoleArn(accountId: string, i: number): string {
  return `arn:aws:iam::${accountId}:role${SCALE_PATH}${scaleRoleName(i)}`
}

export function scalePolicyDocument(accountId: string, i: number): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['iam:GetRole', 'sts:AssumeRole'], Resource: `arn:aws:iam::${accountId}:role${SCALE_PATH}*` },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::scale-data-${pad(i)}/*` }
    ]
  })
}

export function scaleTrustDocument(accountId: string): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'sts:AssumeRole' }] })
}

/** Writes batch `[from, to)`: policies, roles and users with that index, attachments and keys. */
async function writeBatch(tx: Store, keys: KeyMaterial, o: SeedOptions, from: number, to: number, out: SeededKey[]): Promise<number> {
  let written = 0
  const trust = scaleTrustDocument(o.accountId)
  for (let i = from; i < to; i++) {
    if (i < o.policies) {
      await tx.createPolicy({ name: scalePolicyName(i), path: SCALE_PATH, document: scalePolicyDocument(o.accountId, i) })
      written++
    }
    if (i < o.roles) {
      await tx.createRole({ name: scaleRoleName(i), path: SCALE_PATH, assumeRolePolicyDocument: trust, description: scaleRoleDescription(i) })
      if (i < o.policies) await tx.attachPolicy({ type: 'role', name: scaleRoleName(i) }, scalePolicyArn(o.accountId, i))
      written++
    }
    if (i < o.users) {
      const userName = scaleUserName(i)
      await tx.createUser({ name: userName, path: SCALE_PATH })
      if (i < o.policies) await tx.attachPolicy({ type: 'user', name: userName }, scalePolicyArn(o.accountId, i))
      const secretAccessKey = generateSecretAccessKey()
      const key = await tx.createAccessKey({ userName, secretCiphertext: sealSecret(keys, secretAccessKey) })
      out[i] = { userName, accessKeyId: key.id, secretAccessKey }
      written++
    }
  }
  return written
}

/**
 * Runs `write(from, to, out)` over the index range in batches, `concurrency` at a time;
 * each returns the entities it wrote. Returns the users' keys in user order.
 */
export async function inBatches(o: SeedOptions, write: (from: number, to: number, out: SeededKey[]) => Promise<number>): Promise<SeededKey[]> {
  const batch = Math.max(1, o.batch ?? 2000)
  const total = o.roles + o.policies + o.users
  const end = Math.max(o.roles, o.policies, o.users)
  const out: SeededKey[] = new Array<SeededKey>(o.users)
  let next = 0
  let done = 0
  const worker = async (): Promise<void> => {
    while (next < end) {
      const from = next
      next = Math.min(end, next + batch)
      done += await write(from, next, out)
      o.progress?.(done, total)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, o.concurrency ?? 1) }, worker))
  return out
}

/** Seeds the data set into an initialised account through the Store; returns the users' keys in user order. */
export function seedScale(store: Store, keys: KeyMaterial, o: SeedOptions): Promise<SeededKey[]> {
  return inBatches(o, (from, to, out) => store.transaction((tx) => writeBatch(tx, keys, o, from, to, out)))
}
