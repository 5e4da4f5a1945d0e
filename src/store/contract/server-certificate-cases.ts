import { describe, expect, it } from 'vitest'
import type { CreateServerCertificateInput } from '../server-certificate-records.js'
import { ACCOUNT_ID, collect, expectStoreError, type Harness } from './harness.js'

const EXPIRATION = new Date('2030-01-02T03:04:05.000Z')

function input(name: string, extra: Partial<CreateServerCertificateInput> = {}): CreateServerCertificateInput {
  return { name, body: `-----BEGIN CERTIFICATE-----\n${name}\n-----END CERTIFICATE-----\n`, privateKeyCiphertext: new Uint8Array([1, 2, 3, 255]), expiration: EXPIRATION, ...extra }
}

/** ServerCertificateStore. */
export function serverCertificateCases(h: Harness): void {
  describe('server certificates', () => {
    it('creates with an ASCA id and its ARN, finds by name case-insensitively, keeps the sealed key and chain, deletes', async () => {
      const s = h.store()
      const before = await s.getRevision()
      const c = await s.createServerCertificate(input('Web', { path: '/cloudfront/', chain: 'chain-pem', tags: [{ key: 'team', value: 'ml' }] }))
      expect(c).toMatchObject({
        name: 'Web',
        path: '/cloudfront/',
        arn: `arn:aws:iam::${ACCOUNT_ID}:server-certificate/cloudfront/Web`,
        body: '-----BEGIN CERTIFICATE-----\nWeb\n-----END CERTIFICATE-----\n',
        chain: 'chain-pem',
        expiration: EXPIRATION,
        tags: [{ key: 'team', value: 'ml' }]
      })
      expect(c.id).toMatch(/^ASCA[A-Z0-9]{17}$/)
      expect([...c.privateKeyCiphertext]).toEqual([1, 2, 3, 255])
      expect(c.uploadDate).toBeInstanceOf(Date)
      expect(await s.getRevision()).toBe(before)
      expect(await s.getServerCertificate('wEB')).toEqual(c)
      const plain = await s.createServerCertificate(input('Plain'))
      expect(plain.path).toBe('/')
      expect(plain).not.toHaveProperty('chain')
      const dup = await expectStoreError(s.createServerCertificate(input('WEB')), 'AlreadyExists')
      expect(dup.message).toBe('The Server Certificate with name WEB already exists.')
      await s.deleteServerCertificate('web')
      expect(await s.getServerCertificate('Web')).toBeUndefined()
      const gone = await expectStoreError(s.deleteServerCertificate('Web'), 'NotFound')
      expect(gone.message).toBe('The Server Certificate with name Web cannot be found.')
    })

    it('keeps the given id and upload date (restoring a snapshot)', async () => {
      const s = h.store()
      const uploadDate = new Date('2024-05-06T07:08:09.000Z')
      const c = await s.createServerCertificate(input('Old', { id: 'ASCAOLDCERTIFICATE000', uploadDate }))
      expect(c.id).toBe('ASCAOLDCERTIFICATE000')
      expect(c.uploadDate).toEqual(uploadDate)
    })

    it('renames and moves, refusing a name another certificate holds', async () => {
      const s = h.store()
      const c = await s.createServerCertificate(input('A', { tags: [{ key: 'k', value: 'v' }] }))
      await s.createServerCertificate(input('B'))
      const moved = await s.updateServerCertificate('a', { newName: 'C', newPath: '/prod/' })
      expect(moved).toMatchObject({ id: c.id, name: 'C', path: '/prod/', arn: `arn:aws:iam::${ACCOUNT_ID}:server-certificate/prod/C`, tags: [{ key: 'k', value: 'v' }] })
      expect(await s.getServerCertificate('A')).toBeUndefined()
      expect((await s.updateServerCertificate('C', { newPath: '/' })).arn).toBe(`arn:aws:iam::${ACCOUNT_ID}:server-certificate/C`)
      const taken = await expectStoreError(s.updateServerCertificate('C', { newName: 'b' }), 'AlreadyExists')
      expect(taken.message).toBe('The Server Certificate with name b already exists.')
      expect((await s.getServerCertificate('C'))?.name).toBe('C')
      await expectStoreError(s.updateServerCertificate('Nope', { newName: 'D' }), 'NotFound')
    })

    it('lists by name under a path prefix, keyset-paged', async () => {
      const s = h.store()
      for (const [name, path] of [['d', '/x/'], ['B', '/x/y/'], ['a', '/'], ['C', '/x/']] as const) await s.createServerCertificate(input(name, { path }))
      const all = await collect((marker) => s.listServerCertificates({ maxItems: 1, ...(marker ? { marker } : {}) }))
      expect(all.map((c) => c.name)).toEqual(['a', 'B', 'C', 'd'])
      const x = await collect((marker) => s.listServerCertificates({ pathPrefix: '/x/', maxItems: 2, ...(marker ? { marker } : {}) }))
      expect(x.map((c) => c.name)).toEqual(['B', 'C', 'd'])
      expect((await s.listServerCertificates({ pathPrefix: '/x/y' })).items.map((c) => c.name)).toEqual(['B'])
      await expectStoreError(s.listServerCertificates({ marker: 'junk' }), 'InvalidInput')
    })

    it('tags: merge case-insensitively, untag, at most 50; a missing certificate is NotFound', async () => {
      const s = h.store()
      await s.createServerCertificate(input('T', { tags: [{ key: 'Team', value: 'a' }] }))
      await s.tagServerCertificate('t', [{ key: 'team', value: 'b' }, { key: 'env', value: 'prod' }])
      expect((await s.getServerCertificate('T'))?.tags).toEqual([{ key: 'team', value: 'b' }, { key: 'env', value: 'prod' }])
      await s.untagServerCertificate('T', ['TEAM', 'absent'])
      expect((await s.getServerCertificate('T'))?.tags).toEqual([{ key: 'env', value: 'prod' }])
      const many = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: '' }))
      await expectStoreError(s.tagServerCertificate('T', many), 'LimitExceeded')
      expect((await s.getServerCertificate('T'))?.tags).toEqual([{ key: 'env', value: 'prod' }])
      await expectStoreError(s.createServerCertificate(input('U', { tags: [...many, { key: 'x', value: '' }] })), 'LimitExceeded')
      expect(await s.getServerCertificate('U')).toBeUndefined()
      await expectStoreError(s.tagServerCertificate('Nope', [{ key: 'a', value: 'b' }]), 'NotFound')
      await expectStoreError(s.untagServerCertificate('Nope', ['a']), 'NotFound')
    })

    it('keeps the account quota of 20 (ServerCertificatesPerAccount); a delete frees a slot', async () => {
      const s = h.store()
      for (let i = 0; i < 20; i++) await s.createServerCertificate(input(`c${i}`))
      const full = await expectStoreError(s.createServerCertificate(input('c20')), 'LimitExceeded')
      expect(full.message).toBe('Cannot exceed quota for ServerCertificatesPerAccount: 20')
      expect(await s.getServerCertificate('c20')).toBeUndefined()
      await s.deleteServerCertificate('c0')
      await s.createServerCertificate(input('c20'))
    })

    it('reset empties them', async () => {
      const s = h.store()
      await s.createServerCertificate(input('R'))
      await s.reset()
      expect((await s.listServerCertificates()).items).toEqual([])
    })
  })
}
