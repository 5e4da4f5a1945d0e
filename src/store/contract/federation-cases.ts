import { describe, expect, it } from 'vitest'
import { ACCOUNT_ID, expectStoreError, type Harness } from './harness.js'

const METADATA = '<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com"/>'
const key = (keyId: string) => ({ keyId, timestamp: new Date('2026-01-02T03:04:05.000Z'), ciphertext: new Uint8Array([1, 2, 3]) })

/** OidcProviderStore and SamlProviderStore. */
export function federationCases(h: Harness): void {
  describe('OpenID Connect providers', () => {
    it('creates with its ARN, finds by name case-insensitively, lists by name, deletes', async () => {
      const s = h.store()
      const p = await s.createOidcProvider({
        name: 'token.actions.githubusercontent.com',
        url: 'https://token.actions.githubusercontent.com',
        clientIds: ['sts.amazonaws.com', 'sts.amazonaws.com', 'other'],
        thumbprints: ['a'.repeat(40)],
        tags: [{ key: 'team', value: 'ml' }]
      })
      expect(p).toMatchObject({
        name: 'token.actions.githubusercontent.com',
        arn: `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/token.actions.githubusercontent.com`,
        url: 'https://token.actions.githubusercontent.com',
        clientIds: ['sts.amazonaws.com', 'other'],
        thumbprints: ['a'.repeat(40)],
        tags: [{ key: 'team', value: 'ml' }]
      })
      expect(p.createDate).toBeInstanceOf(Date)
      const err = await expectStoreError(s.createOidcProvider({ name: 'TOKEN.actions.githubusercontent.com', url: 'https://TOKEN.actions.githubusercontent.com' }), 'AlreadyExists')
      expect(err.message).toBe('Provider with url https://TOKEN.actions.githubusercontent.com already exists.')
      await s.createOidcProvider({ name: 'accounts.example.com/tenant', url: 'https://accounts.example.com/tenant' })
      expect(await s.getOidcProvider('Token.Actions.GitHubUserContent.com')).toEqual(p)
      expect((await s.listOidcProviders()).map((x) => x.name)).toEqual(['accounts.example.com/tenant', 'token.actions.githubusercontent.com'])
      const before = await s.getRevision()
      await s.deleteOidcProvider('token.actions.githubusercontent.com')
      expect(await s.getRevision()).toBeGreaterThan(before)
      expect(await s.getOidcProvider('token.actions.githubusercontent.com')).toBeUndefined()
      const gone = await expectStoreError(s.deleteOidcProvider('token.actions.githubusercontent.com'), 'NotFound')
      expect(gone.message).toBe(`OpenIDConnect Provider not found for arn arn:aws:iam::${ACCOUNT_ID}:oidc-provider/token.actions.githubusercontent.com`)
    })

    it('adds and removes client ids idempotently, replaces thumbprints, moves the revision', async () => {
      const s = h.store()
      await s.createOidcProvider({ name: 'idp.example.com', url: 'https://idp.example.com', clientIds: ['a'] })
      const r0 = await s.getRevision()
      await s.updateOidcProvider('idp.example.com', { addClientId: 'b' })
      await s.updateOidcProvider('idp.example.com', { addClientId: 'b' })
      expect((await s.getOidcProvider('idp.example.com'))?.clientIds).toEqual(['a', 'b'])
      await s.updateOidcProvider('idp.example.com', { removeClientId: 'a' })
      await s.updateOidcProvider('idp.example.com', { removeClientId: 'zzz' })
      const p = await s.updateOidcProvider('idp.example.com', { thumbprints: ['c'.repeat(40), 'd'.repeat(40)] })
      expect(p.clientIds).toEqual(['b'])
      expect(p.thumbprints).toEqual(['c'.repeat(40), 'd'.repeat(40)])
      expect(await s.getRevision()).toBeGreaterThan(r0)
      await expectStoreError(s.updateOidcProvider('nope.example.com', { addClientId: 'x' }), 'NotFound')
    })

    it('keeps AWS quotas: 100 client ids per provider, providers per account', async () => {
      const s = h.store()
      const ids = Array.from({ length: 100 }, (_, i) => `c${i}`)
      await s.createOidcProvider({ name: 'full.example.com', url: 'https://full.example.com', clientIds: ids })
      const err = await expectStoreError(s.updateOidcProvider('full.example.com', { addClientId: 'one-more' }), 'LimitExceeded')
      expect(err.message).toBe('Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100')
      await s.updateOidcProvider('full.example.com', { addClientId: 'c5' })
      await expectStoreError(s.createOidcProvider({ name: 'over.example.com', url: 'https://over.example.com', clientIds: [...ids, 'x'] }), 'LimitExceeded')
      expect(await s.getOidcProvider('over.example.com')).toBeUndefined()
      for (let i = 1; i < 100; i++) await s.createOidcProvider({ name: `p${i}.example.com`, url: `https://p${i}.example.com` })
      const quota = await expectStoreError(s.createOidcProvider({ name: 'p100.example.com', url: 'https://p100.example.com' }), 'LimitExceeded')
      expect(quota.message).toBe('Cannot exceed quota for OpenIdConnectProvidersPerAccount: 100')
    })

    it('tags and untags (keys case-insensitive, 50 at most)', async () => {
      const s = h.store()
      await s.createOidcProvider({ name: 'idp.example.com', url: 'https://idp.example.com' })
      await s.tagOidcProvider('idp.example.com', [{ key: 'a', value: '1' }, { key: 'b', value: '2' }])
      await s.tagOidcProvider('idp.example.com', [{ key: 'A', value: '3' }])
      await s.untagOidcProvider('idp.example.com', ['B', 'missing'])
      expect((await s.getOidcProvider('idp.example.com'))?.tags).toEqual([{ key: 'A', value: '3' }])
      const many = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: 'v' }))
      await expectStoreError(s.tagOidcProvider('idp.example.com', many), 'LimitExceeded')
      expect((await s.getOidcProvider('idp.example.com'))?.tags).toEqual([{ key: 'A', value: '3' }])
      await expectStoreError(s.tagOidcProvider('nope', []), 'NotFound')
    })
  })

  describe('SAML providers', () => {
    it('creates with ARN, UUID and validity, finds case-insensitively, lists, deletes', async () => {
      const s = h.store()
      const validUntil = new Date('2126-01-01T00:00:00.000Z')
      const p = await s.createSamlProvider({ name: 'Okta', metadataDocument: METADATA, validUntil, tags: [{ key: 't', value: 'v' }] })
      expect(p).toMatchObject({ name: 'Okta', arn: `arn:aws:iam::${ACCOUNT_ID}:saml-provider/Okta`, metadataDocument: METADATA, validUntil, privateKeys: [], tags: [{ key: 't', value: 'v' }] })
      expect(p.uuid).toMatch(/^SAML[A-Z0-9]{18}$/)
      expect(p.assertionEncryptionMode).toBeUndefined()
      expect(await s.getSamlProvider('OKTA')).toEqual(p)
      const dup = await expectStoreError(s.createSamlProvider({ name: 'okta', metadataDocument: METADATA, validUntil }), 'AlreadyExists')
      expect(dup.message).toBe('SAMLProvider with name okta already exists.')
      await s.createSamlProvider({ name: 'Azure', metadataDocument: METADATA, validUntil })
      expect((await s.listSamlProviders()).map((x) => x.name)).toEqual(['Azure', 'Okta'])
      const r0 = await s.getRevision()
      await s.deleteSamlProvider('okta')
      expect(await s.getRevision()).toBeGreaterThan(r0)
      const gone = await expectStoreError(s.deleteSamlProvider('okta'), 'NotFound')
      expect(gone.message).toBe(`Manifest not found for arn arn:aws:iam::${ACCOUNT_ID}:saml-provider/okta`)
    })

    it('updates the document, the encryption mode and private keys under AWS rules, all or nothing', async () => {
      const s = h.store()
      const validUntil = new Date('2126-01-01T00:00:00.000Z')
      await s.createSamlProvider({ name: 'idp', metadataDocument: METADATA, validUntil, assertionEncryptionMode: 'Required', privateKey: key('K1') })
      await s.updateSamlProvider('idp', { addPrivateKey: key('K2') })
      const full = await expectStoreError(s.updateSamlProvider('idp', { addPrivateKey: key('K3') }), 'LimitExceeded')
      expect(full.message).toBe('Private key limit of 2 is reached.')
      await expectStoreError(s.updateSamlProvider('idp', { removePrivateKeyId: 'NOPE' }), 'InvalidInput')
      await s.updateSamlProvider('idp', { removePrivateKeyId: 'K1' })
      const last = await expectStoreError(s.updateSamlProvider('idp', { removePrivateKeyId: 'K2', metadataDocument: '<changed/>' }), 'InvalidInput')
      expect(last.message).toContain('Failed to remove private key.')
      let p = await s.getSamlProvider('idp')
      expect(p?.metadataDocument).toBe(METADATA)
      expect(p?.privateKeys.map((k) => k.keyId)).toEqual(['K2'])
      expect(p?.privateKeys[0]).toEqual(key('K2'))
      p = await s.updateSamlProvider('idp', { assertionEncryptionMode: 'Allowed', removePrivateKeyId: 'K2', metadataDocument: '<changed/>', validUntil: new Date('2030-01-01T00:00:00.000Z') })
      expect(p).toMatchObject({ assertionEncryptionMode: 'Allowed', privateKeys: [], metadataDocument: '<changed/>', validUntil: new Date('2030-01-01T00:00:00.000Z') })
      await expectStoreError(s.updateSamlProvider('idp', { assertionEncryptionMode: 'Required' }), 'InvalidInput')
      await expectStoreError(s.updateSamlProvider('nope', {}), 'NotFound')
    })

    it('tags, and keeps the per-account quota', async () => {
      const s = h.store()
      const validUntil = new Date('2126-01-01T00:00:00.000Z')
      await s.createSamlProvider({ name: 'p0', metadataDocument: METADATA, validUntil })
      await s.tagSamlProvider('p0', [{ key: 'a', value: '1' }])
      await s.untagSamlProvider('P0', ['A'])
      expect((await s.getSamlProvider('p0'))?.tags).toEqual([])
      for (let i = 1; i < 100; i++) await s.createSamlProvider({ name: `p${i}`, metadataDocument: METADATA, validUntil })
      const quota = await expectStoreError(s.createSamlProvider({ name: 'p100', metadataDocument: METADATA, validUntil }), 'LimitExceeded')
      expect(quota.message).toBe('Cannot exceed quota for SAMLProvidersPerAccount: 100')
    })

    it('reset empties both kinds of provider', async () => {
      const s = h.store()
      await s.createOidcProvider({ name: 'idp.example.com', url: 'https://idp.example.com' })
      await s.createSamlProvider({ name: 'p', metadataDocument: METADATA, validUntil: new Date() })
      await s.reset()
      expect(await s.listOidcProviders()).toEqual([])
      expect(await s.listSamlProviders()).toEqual([])
    })
  })
}
