import { describe, expect, it } from 'vitest'
import { ACCOUNT_ID, expectStoreError, type Harness } from './harness.js'

/** Account, revision, reset and close. */
export function accountCases(h: Harness): void {
  describe('account', () => {
    it('initAccount is idempotent for the same id and refuses another id', async () => {
      const a = await h.store().initAccount(ACCOUNT_ID)
      expect(a.id).toBe(ACCOUNT_ID)
      expect(a.createDate).toBeInstanceOf(Date)
      expect((await h.store().getAccount())?.id).toBe(ACCOUNT_ID)
      await expectStoreError(h.store().initAccount('999999999999'), 'Conflict')
    })

    it('sets and clears the alias and the password policy', async () => {
      const s = h.store()
      await s.setAccountAlias('ml-team')
      await s.setPasswordPolicy({ minimumPasswordLength: 14, requireSymbols: true })
      let a = await s.getAccount()
      expect(a?.alias).toBe('ml-team')
      expect(a?.passwordPolicy).toEqual({ minimumPasswordLength: 14, requireSymbols: true })
      await s.setAccountAlias(undefined)
      await s.setPasswordPolicy(undefined)
      a = await s.getAccount()
      expect(a?.alias).toBeUndefined()
      expect(a?.passwordPolicy).toBeUndefined()
    })

    it('counts the entities of the account in the database', async () => {
      const s = h.store()
      const none = { users: 0, groups: 0, roles: 0, instanceProfiles: 0, policies: 0, policyAttachments: 0, serverCertificates: 0, mfaDevices: 0, mfaDevicesInUse: 0, providers: 0 }
      expect(await s.getEntityCounts()).toEqual(none)
      const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] })
      await s.createUser({ name: 'u1' })
      await s.createUser({ name: 'u2' })
      await s.createGroup({ name: 'g' })
      await s.createRole({ name: 'r', assumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) })
      await s.createInstanceProfile({ name: 'ip' })
      const p = await s.createPolicy({ name: 'p', document: doc })
      await s.attachPolicy({ type: 'user', name: 'u1' }, p.arn)
      await s.attachPolicy({ type: 'role', name: 'r' }, p.arn)
      await s.createOidcProvider({ name: 'idp.example.com', url: 'https://idp.example.com' })
      expect(await s.getEntityCounts()).toEqual({ ...none, users: 2, groups: 1, roles: 1, instanceProfiles: 1, policies: 1, policyAttachments: 2, providers: 1 })
    })

    it('keeps the credential report record; reset removes it', async () => {
      const s = h.store()
      expect(await s.getCredentialReport()).toBeUndefined()
      const requestedAt = new Date('2024-05-06T07:08:09Z')
      await s.putCredentialReport({ requestedAt })
      expect(await s.getCredentialReport()).toEqual({ requestedAt })
      const done = { requestedAt, generatedAt: new Date('2024-05-06T07:08:10Z'), content: 'user,arn\n<root_account>,x' }
      const before = await s.getRevision()
      await s.putCredentialReport(done)
      expect(await s.getCredentialReport()).toEqual(done)
      expect(await s.getRevision()).toBe(before)
      await s.reset()
      expect(await s.getCredentialReport()).toBeUndefined()
    })

    it('reset empties everything but keeps the account id, and bumps the revision', async () => {
      const s = h.store()
      await s.setAccountAlias('ml-team')
      await s.createUser({ name: 'alice' })
      await s.createRole({ name: 'trainer', assumeRolePolicyDocument: '{}' })
      await s.createPolicy({ name: 'p', document: '{}' })
      await s.attachPolicy({ type: 'user', name: 'alice' }, 'arn:aws:iam::123456789012:policy/p')
      await s.createAccessKey({ userName: 'alice', secretCiphertext: new Uint8Array([1]) })
      const before = await s.getRevision()
      await s.reset()
      expect(await s.getRevision()).toBeGreaterThan(before)
      expect((await s.listUsers()).items).toEqual([])
      expect((await s.listRoles()).items).toEqual([])
      expect((await s.listPolicies()).items).toEqual([])
      const a = await s.getAccount()
      expect(a?.id).toBe(ACCOUNT_ID)
      expect(a?.alias).toBeUndefined()
      await s.createUser({ name: 'alice' })
    })

    it('root credentials: recorded once (the first writer wins, also when racing), kept by reset', async () => {
      const s = h.store()
      expect(await s.getRootCredentials()).toBeUndefined()
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) =>
        s.initRootCredentials({ accessKeyId: `AKIAROOT${i}`, sealedSecret: new Uint8Array([i, 1, 2]) })))
      const winner = results[0]!
      expect(results.every((r) => r.accessKeyId === winner.accessKeyId)).toBe(true)
      const n = Number(winner.accessKeyId.slice('AKIAROOT'.length))
      expect(winner.sealedSecret).toEqual(new Uint8Array([n, 1, 2]))
      expect(await s.initRootCredentials({ accessKeyId: 'AKIALATER', sealedSecret: new Uint8Array([9]) })).toEqual(winner)
      await s.reset()
      expect(await s.getRootCredentials()).toEqual(winner)
    })

    it('operations after close fail Unavailable', async () => {
      const s = h.store()
      await s.close()
      await expectStoreError(s.getUser('alice'), 'Unavailable')
      await s.close()
    })
  })
}
