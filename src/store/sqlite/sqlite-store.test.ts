import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runStoreContract } from '../contract.js'
import { StoreError } from '../errors.js'
import { openSqliteStore } from './sqlite-store.js'

const dir = mkdtempSync(join(tmpdir(), 'warden-store-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let files = 0

runStoreContract('sqlite (in memory)', () => openSqliteStore({ filename: ':memory:' }))
runStoreContract('sqlite (WAL file, group commit)', () => openSqliteStore({ filename: join(dir, `contract-${files++}.db`) }))

describe('sqlite: two connections on one file', () => {
  it('50 creates of one name raced across two Store instances: exactly one wins', async () => {
    const file = join(dir, 'race.db')
    const a = await openSqliteStore({ filename: file })
    const b = await openSqliteStore({ filename: file })
    try {
      await a.initAccount('123456789012')
      await b.initAccount('123456789012')
      const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? a : b).createRole({ name: i % 3 ? 'Trainer' : 'TRAINER', assumeRolePolicyDocument: '{}' })))
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      for (const r of results) {
        if (r.status === 'rejected') expect((r.reason as StoreError).kind).toBe('AlreadyExists')
      }
      // Each connection sees the other's commits.
      expect((await a.listRoles()).items).toHaveLength(1)
      expect((await b.getRole('trainer'))?.name).toMatch(/^(Trainer|TRAINER)$/)
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('quotas hold across connections: access keys raced from two instances', async () => {
    const file = join(dir, 'race-keys.db')
    const a = await openSqliteStore({ filename: file })
    const b = await openSqliteStore({ filename: file })
    try {
      await a.initAccount('123456789012')
      await a.createUser({ name: 'u' })
      const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).createAccessKey({ userName: 'u', secretCiphertext: new Uint8Array([i]) })))
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2)
      expect(await b.listAccessKeys('u')).toHaveLength(2)
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('a write blocked by another connection\'s open transaction fails Unavailable, not with a driver error', async () => {
    const file = join(dir, 'busy.db')
    const a = await openSqliteStore({ filename: file })
    const b = await openSqliteStore({ filename: file, busyTimeoutMs: 50 })
    try {
      await a.initAccount('123456789012')
      let release!: () => void
      const held = new Promise<void>((r) => { release = r })
      const tx = a.transaction(async (t) => {
        await t.createUser({ name: 'holder' })
        await held
      })
      await new Promise((r) => setTimeout(r, 5))
      const err = await b.createUser({ name: 'blocked' }).then(() => undefined, (e: unknown) => e)
      expect(err).toBeInstanceOf(StoreError)
      expect((err as StoreError).kind).toBe('Unavailable')
      // Readers are never blocked by a writer in WAL mode.
      expect(await b.getUser('holder')).toBeUndefined()
      release()
      await tx
      expect(await b.getUser('holder')).toBeDefined()
    } finally {
      await a.close()
      await b.close()
    }
  })
})

describe('sqlite: writes of one event-loop turn run as one transaction', () => {
  it('each write its own savepoint: a failing one costs the others nothing; none is visible before it resolves', async () => {
    const s = await openSqliteStore({ filename: join(dir, `batch-${files++}.db`) })
    try {
      await s.initAccount('123456789012')
      await s.createRole({ name: 'taken', assumeRolePolicyDocument: '{}' })
      const writes = ['a', 'taken', 'b', 'TAKEN', 'c'].map((name) => s.createRole({ name, assumeRolePolicyDocument: '{}' }))
      // Asked for in this turn, run at its end: a read in the same turn does not see them.
      expect(await s.getRole('a')).toBeUndefined()
      const results = await Promise.allSettled(writes)
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled'])
      for (const r of results) if (r.status === 'rejected') expect((r.reason as StoreError).kind).toBe('AlreadyExists')
      expect((await s.listRoles()).items.map((r) => r.name).sort()).toEqual(['a', 'b', 'c', 'taken'])
    } finally {
      await s.close()
    }
  })

  it('close() runs and makes durable the writes already asked for', async () => {
    const file = join(dir, `batch-close-${files++}.db`)
    const s = await openSqliteStore({ filename: file })
    await s.initAccount('123456789012')
    const pending = s.createRole({ name: 'last', assumeRolePolicyDocument: '{}' })
    await s.close()
    expect((await pending).name).toBe('last')
    const again = await openSqliteStore({ filename: file })
    try {
      expect((await again.getRole('last'))?.name).toBe('last')
    } finally {
      await again.close()
    }
  })
})

describe('sqlite: opening', () => {
  it('an unopenable path fails Unavailable', async () => {
    const err = await openSqliteStore({ filename: join(dir, 'no', 'such', 'dir', 'x.db') }).then(() => undefined, (e: unknown) => e)
    expect(err).toBeInstanceOf(StoreError)
    expect((err as StoreError).kind).toBe('Unavailable')
  })

  it('limits are configurable', async () => {
    const s = await openSqliteStore({ filename: ':memory:', limits: { attachedPoliciesPerPrincipal: 1 } })
    try {
      await s.initAccount('123456789012')
      await s.createUser({ name: 'u' })
      await s.attachPolicy({ type: 'user', name: 'u' }, 'arn:aws:iam::aws:policy/A')
      const err = await s.attachPolicy({ type: 'user', name: 'u' }, 'arn:aws:iam::aws:policy/B').then(() => undefined, (e: unknown) => e)
      expect((err as StoreError).message).toBe('Cannot exceed quota for PoliciesPerUser: 1')
    } finally {
      await s.close()
    }
  })
})
