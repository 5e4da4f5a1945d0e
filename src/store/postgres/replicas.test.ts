/**
 * Two Store instances on one PostgreSQL schema: two pools, as two Warden replicas have.
 * Names, quotas and concurrent edits hold across them; faults surface as Unavailable.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { StoreError } from '../errors.js'
import type { Store } from '../store.js'
import { openPostgresStore } from './pg-store.js'
import { TestSchema } from './testing/test-database.js'

const ACCOUNT = '123456789012'
const TRUST = '{"Version":"2012-10-17","Statement":[]}'
const doc = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] })

const schema = new TestSchema()
afterAll(() => schema.drop())

let a: Store
let b: Store
beforeEach(async () => {
  a = await schema.openEmpty({ poolSize: 8 })
  b = await schema.open({ poolSize: 8 })
  await a.initAccount(ACCOUNT)
  await b.initAccount(ACCOUNT)
})
afterEach(async () => {
  await a.close()
  await b.close()
})

/** `n` calls spread over both replicas, all started together. */
function raced<T>(n: number, call: (store: Store, i: number) => Promise<T>): Promise<PromiseSettledResult<T>[]> {
  return Promise.allSettled(Array.from({ length: n }, (_, i) => call(i % 2 ? a : b, i)))
}

function kinds(results: PromiseSettledResult<unknown>[]): string[] {
  return results.map((r) => (r.status === 'fulfilled' ? 'ok' : (r.reason as StoreError).kind ?? String(r.reason)))
}

describe('postgres: two replicas on one database', () => {
  it('20 parallel CreateRole of one name (mixed case): exactly one succeeds, the rest AlreadyExists', async () => {
    const results = await raced(20, (s, i) => s.createRole({ name: i % 3 ? 'Trainer' : 'TRAINER', assumeRolePolicyDocument: TRUST }))
    const k = kinds(results)
    expect(k.filter((x) => x === 'ok')).toHaveLength(1)
    expect(k.filter((x) => x === 'AlreadyExists')).toHaveLength(19)
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect((rejected?.reason as StoreError).message).toMatch(/^Role with name (Trainer|TRAINER) already exists\.$/)
    expect((await a.listRoles()).items).toHaveLength(1)
    expect((await b.getRole('trainer'))?.name).toMatch(/^(Trainer|TRAINER)$/)
  })

  it('parallel CreatePolicyVersion never passes 5 versions', async () => {
    const arn = (await a.createPolicy({ name: 'p', document: doc('s3:A') })).arn
    const results = await raced(12, (s, i) => s.createPolicyVersion(arn, doc(`s3:V${i}`), i % 2 === 0))
    expect(kinds(results).filter((x) => x === 'ok')).toHaveLength(4)
    expect(kinds(results).filter((x) => x === 'LimitExceeded')).toHaveLength(8)
    const versions = await b.listPolicyVersions(arn)
    expect(versions).toHaveLength(5)
    expect(new Set(versions.map((v) => v.versionId)).size).toBe(5)
    expect(versions.filter((v) => v.isDefaultVersion)).toHaveLength(1)
  })

  it('parallel CreateAccessKey never passes 2 keys per user', async () => {
    await a.createUser({ name: 'u' })
    const results = await raced(10, (s, i) => s.createAccessKey({ userName: 'u', secretCiphertext: new Uint8Array([i]) }))
    expect(kinds(results).filter((x) => x === 'ok')).toHaveLength(2)
    expect(kinds(results).filter((x) => x === 'LimitExceeded')).toHaveLength(8)
    expect(await b.listAccessKeys('u')).toHaveLength(2)
  })

  it('the attachment quota holds for parallel attaches of different policies', async () => {
    await a.createRole({ name: 'r', assumeRolePolicyDocument: TRUST })
    const arns = await Promise.all(Array.from({ length: 16 }, async (_, i) => (await a.createPolicy({ name: `p${i}`, document: doc('s3:A') })).arn))
    const results = await raced(16, (s, i) => s.attachPolicy({ type: 'role', name: 'r' }, arns[i]!))
    expect(kinds(results).filter((x) => x === 'ok')).toHaveLength(10)
    expect(kinds(results).filter((x) => x === 'LimitExceeded')).toHaveLength(6)
    expect((await b.listAttachedPolicies({ type: 'role', name: 'r' })).items).toHaveLength(10)
    // The attachment counts kept on the policies agree with the attachments.
    const counted = (await Promise.all(arns.map((arn) => b.getPolicy(arn)))).reduce((n, p) => n + (p?.attachmentCount ?? 0), 0)
    expect(counted).toBe(10)
  })

  it('GroupsPerUser holds for parallel AddUserToGroup', async () => {
    await a.createUser({ name: 'u' })
    for (let i = 0; i < 14; i++) await a.createGroup({ name: `g${i}` })
    const results = await raced(14, (s, i) => s.addUserToGroup(`g${i}`, 'u'))
    expect(kinds(results).filter((x) => x === 'ok')).toHaveLength(10)
    expect((await b.listGroupsForUser('u')).items).toHaveLength(10)
  })

  it('no lost update: two replicas editing different fields and tags of one role both keep their change', async () => {
    await a.createRole({ name: 'r', assumeRolePolicyDocument: TRUST })
    await Promise.all([
      a.updateRole('r', { description: 'from A' }),
      b.updateRole('r', { maxSessionDuration: 7200 }),
      ...Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).tagRole('r', [{ key: `k${i}`, value: String(i) }]))
    ])
    const role = await a.getRole('r')
    expect(role?.description).toBe('from A')
    expect(role?.maxSessionDuration).toBe(7200)
    expect(role?.tags.map((t) => t.key).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `k${i}`).sort())
  })

  it('DeletePolicy racing AttachPolicy: either the attach wins (delete conflicts) or the delete wins (attach not found)', async () => {
    for (let round = 0; round < 10; round++) {
      await a.createUser({ name: `u${round}` })
      const arn = (await a.createPolicy({ name: `race${round}`, document: doc('s3:A') })).arn
      const [attach, del] = await Promise.allSettled([a.attachPolicy({ type: 'user', name: `u${round}` }, arn), b.deletePolicy(arn)])
      const outcome = kinds([attach, del]).join('/')
      expect(['ok/Conflict', 'NotFound/ok']).toContain(outcome)
      const policy = await b.getPolicy(arn)
      const attached = (await b.listAttachedPolicies({ type: 'user', name: `u${round}` })).items
      expect(policy?.attachmentCount ?? 0).toBe(attached.length)
    }
  })

  it('a change through one replica moves the revision the other reads', async () => {
    await a.createUser({ name: 'alice' })
    const before = await b.getRevision()
    // Creating a user grants nothing, so it leaves the revision alone; an inline policy moves it.
    expect(await b.getRevision()).toBe(await a.getRevision())
    await a.putInlinePolicy({ type: 'user', name: 'alice' }, 'p', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }))
    expect(await b.getRevision()).toBeGreaterThan(before)
    const loaded = await b.loadPrincipalPolicies({ type: 'user', name: 'alice' })
    expect(loaded?.revision).toBe(await a.getRevision())
  })
})

describe('postgres: faults and limits', () => {
  it('a write waiting on another replica\'s lock past the statement timeout fails Unavailable', async () => {
    const impatient = await schema.open({ statementTimeoutMs: 200 })
    try {
      await a.createUser({ name: 'held' })
      let release!: () => void
      const held = new Promise<void>((r) => { release = r })
      const tx = a.transaction(async (t) => {
        await t.tagUser('held', [{ key: 'k', value: 'v' }])
        await held
      })
      await new Promise((r) => setTimeout(r, 50))
      const started = Date.now()
      const err = await impatient.tagUser('held', [{ key: 'x', value: 'y' }]).then(() => undefined, (e: unknown) => e)
      expect(err).toBeInstanceOf(StoreError)
      expect((err as StoreError).kind).toBe('Unavailable')
      expect(Date.now() - started).toBeLessThan(3000)
      release()
      await tx
      expect((await b.getUser('held'))?.tags).toEqual([{ key: 'k', value: 'v' }])
    } finally {
      await impatient.close()
    }
  })

  it('an unreachable server fails Unavailable quickly instead of hanging', async () => {
    const started = Date.now()
    const err = await openPostgresStore({ url: 'postgres://postgres@127.0.0.1:1/test', connectTimeoutMs: 1000 }).then(() => undefined, (e: unknown) => e)
    expect(err).toBeInstanceOf(StoreError)
    expect((err as StoreError).kind).toBe('Unavailable')
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('limits are configurable', async () => {
    const strict = await schema.open({ limits: { attachedPoliciesPerPrincipal: 1 } })
    try {
      await strict.createUser({ name: 'u' })
      await strict.attachPolicy({ type: 'user', name: 'u' }, 'arn:aws:iam::aws:policy/A')
      const err = await strict.attachPolicy({ type: 'user', name: 'u' }, 'arn:aws:iam::aws:policy/B').then(() => undefined, (e: unknown) => e)
      expect((err as StoreError).message).toBe('Cannot exceed quota for PoliciesPerUser: 1')
    } finally {
      await strict.close()
    }
  })

  it('the pool size bounds connections: 30 parallel reads on a pool of 2 all succeed', async () => {
    const small = await schema.open({ poolSize: 2 })
    try {
      await small.createUser({ name: 'u' })
      const results = await Promise.all(Array.from({ length: 30 }, () => small.loadPrincipalPolicies({ type: 'user', name: 'u' })))
      expect(results.every((r) => r?.principal.name === 'u')).toBe(true)
    } finally {
      await small.close()
    }
  })
})
