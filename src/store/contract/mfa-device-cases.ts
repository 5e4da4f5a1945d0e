import { describe, expect, it } from 'vitest'
import { collect, expectStoreError, ACCOUNT_ID, type Harness } from './harness.js'

const SEED = new Uint8Array([9, 8, 7, 0, 255])
const serial = (name: string, path = '/') => `arn:aws:iam::${ACCOUNT_ID}:mfa${path}${name}`

/** MfaDeviceStore. */
export function mfaDeviceCases(h: Harness): void {
  describe('virtual MFA devices', () => {
    it('creates an unassigned device holding the sealed seed as given, with tags', async () => {
      const s = h.store()
      const rev = await s.getRevision()
      const d = await s.createVirtualMfaDevice({ name: 'alice-phone', path: '/ml/', seedCiphertext: SEED, tags: [{ key: 'k', value: 'v' }] })
      expect(d).toMatchObject({ serialNumber: serial('alice-phone', '/ml/'), name: 'alice-phone', path: '/ml/', driftSteps: 0, tags: [{ key: 'k', value: 'v' }] })
      expect(Array.from(d.seedCiphertext)).toEqual(Array.from(SEED))
      expect(d.user).toBeUndefined()
      expect(d.enableDate).toBeUndefined()
      expect(d.lastUsedStep).toBeUndefined()
      expect(await s.getMfaDevice(serial('ALICE-PHONE', '/ml/'))).toEqual(d)
      expect(await s.getMfaDevice(serial('alice-phone'))).toBeUndefined()
      expect(await s.getRevision()).toBe(rev)
    })

    it('path and name are unique case-insensitively; the same name on another path is another device', async () => {
      const s = h.store()
      await s.createVirtualMfaDevice({ name: 'dev', seedCiphertext: SEED })
      const err = await expectStoreError(s.createVirtualMfaDevice({ name: 'DEV', seedCiphertext: SEED }), 'AlreadyExists')
      expect(err.message).toBe('MFADevice entity at the same path and name already exists.')
      await s.createVirtualMfaDevice({ name: 'dev', path: '/other/', seedCiphertext: SEED })
      expect((await s.listVirtualMfaDevices()).items).toHaveLength(2)
    })

    it('enables for a user, lists by assignment, deactivates back to unassigned', async () => {
      const s = h.store()
      const alice = await s.createUser({ name: 'alice' })
      await s.createUser({ name: 'bob' })
      await s.createVirtualMfaDevice({ name: 'a', seedCiphertext: SEED })
      await s.createVirtualMfaDevice({ name: 'b', seedCiphertext: SEED })
      await s.enableMfaDevice('ALICE', serial('a'), { lastUsedStep: 1000, driftSteps: -1 })
      const a = await s.getMfaDevice(serial('a'))
      expect(a?.user).toEqual(alice)
      expect(a).toMatchObject({ lastUsedStep: 1000, driftSteps: -1 })
      expect(Math.abs((a?.enableDate?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000)
      const names = async (status?: 'Assigned' | 'Unassigned' | 'Any') => (await s.listVirtualMfaDevices({ assignmentStatus: status })).items.map((d) => d.name)
      expect(await names()).toEqual(['a', 'b'])
      expect(await names('Any')).toEqual(['a', 'b'])
      expect(await names('Assigned')).toEqual(['a'])
      expect(await names('Unassigned')).toEqual(['b'])
      expect((await s.listMfaDevices('alice')).items.map((d) => d.serialNumber)).toEqual([serial('a')])
      expect((await s.listMfaDevices('bob')).items).toEqual([])
      await expectStoreError(s.listMfaDevices('ghost'), 'NotFound')

      expect((await expectStoreError(s.enableMfaDevice('bob', serial('a'), { lastUsedStep: 1, driftSteps: 0 }), 'AlreadyExists')).message)
        .toBe('MFA Device is already in use.')
      expect((await expectStoreError(s.deactivateMfaDevice('bob', serial('a')), 'NotFound')).entity).toBe('mfa-device')
      await expectStoreError(s.enableMfaDevice('ghost', serial('b'), { lastUsedStep: 1, driftSteps: 0 }), 'NotFound')
      expect((await expectStoreError(s.enableMfaDevice('bob', serial('zz'), { lastUsedStep: 1, driftSteps: 0 }), 'NotFound')).message)
        .toBe(`VirtualMFADevice with serial number ${serial('zz')} doesn't exist.`)

      await s.deactivateMfaDevice('alice', serial('A'))
      const back = await s.getMfaDevice(serial('a'))
      expect(back?.user).toBeUndefined()
      expect(back?.enableDate).toBeUndefined()
      expect(await names('Assigned')).toEqual([])
    })

    it('a user holds at most MFADevicesPerUser devices', async () => {
      const s = h.store()
      await s.createUser({ name: 'alice' })
      for (let i = 0; i < 9; i++) await s.createVirtualMfaDevice({ name: `d${i}`, seedCiphertext: SEED })
      for (let i = 0; i < 8; i++) await s.enableMfaDevice('alice', serial(`d${i}`), { lastUsedStep: 1, driftSteps: 0 })
      const err = await expectStoreError(s.enableMfaDevice('alice', serial('d8'), { lastUsedStep: 1, driftSteps: 0 }), 'LimitExceeded')
      expect(err.message).toBe('Cannot exceed quota for MFADevicesPerUser: 8')
      expect((await s.getMfaDevice(serial('d8')))?.user).toBeUndefined()
    })

    it('useMfaStep accepts each time step once and only moving forward', async () => {
      const s = h.store()
      await s.createVirtualMfaDevice({ name: 'a', seedCiphertext: SEED })
      expect(await s.useMfaStep(serial('a'), 100)).toBe(true)
      expect(await s.useMfaStep(serial('a'), 100)).toBe(false)
      expect(await s.useMfaStep(serial('a'), 99)).toBe(false)
      expect(await s.useMfaStep(serial('a'), 101)).toBe(true)
      expect((await s.getMfaDevice(serial('a')))?.lastUsedStep).toBe(101)
      // Time steps are epoch-seconds / 30: past 2^31 in the year 3990, kept exact all the same.
      expect(await s.useMfaStep(serial('a'), 2 ** 40)).toBe(true)
      expect((await s.getMfaDevice(serial('a')))?.lastUsedStep).toBe(2 ** 40)
      await expectStoreError(s.useMfaStep(serial('nope'), 1), 'NotFound')
    })

    it('resync records drift for an assigned device only', async () => {
      const s = h.store()
      await s.createUser({ name: 'alice' })
      await s.createVirtualMfaDevice({ name: 'a', seedCiphertext: SEED })
      await expectStoreError(s.resyncMfaDevice('alice', serial('a'), { lastUsedStep: 5, driftSteps: 3 }), 'NotFound')
      await s.enableMfaDevice('alice', serial('a'), { lastUsedStep: 1, driftSteps: 0 })
      await s.resyncMfaDevice('alice', serial('a'), { lastUsedStep: 5, driftSteps: 3 })
      expect(await s.getMfaDevice(serial('a'))).toMatchObject({ lastUsedStep: 5, driftSteps: 3 })
    })

    it('an assigned device cannot be deleted, nor its user; tags merge and are removed by key', async () => {
      const s = h.store()
      await s.createUser({ name: 'alice' })
      await s.createVirtualMfaDevice({ name: 'a', seedCiphertext: SEED })
      await s.enableMfaDevice('alice', serial('a'), { lastUsedStep: 1, driftSteps: 0 })
      expect((await expectStoreError(s.deleteVirtualMfaDevice(serial('a')), 'Conflict')).message).toBe('MFA VirtualDevice in use. Must deactivate first.')
      expect((await expectStoreError(s.deleteUser('alice'), 'Conflict')).message).toBe('Cannot delete entity, must delete MFA device first.')
      await s.tagMfaDevice(serial('a'), [{ key: 'Team', value: 'ml' }, { key: 'x', value: '1' }])
      await s.tagMfaDevice(serial('a'), [{ key: 'team', value: 'vision' }])
      expect((await s.getMfaDevice(serial('a')))?.tags).toEqual([{ key: 'team', value: 'vision' }, { key: 'x', value: '1' }])
      await s.untagMfaDevice(serial('a'), ['X', 'absent'])
      expect((await s.getMfaDevice(serial('a')))?.tags).toEqual([{ key: 'team', value: 'vision' }])
      await expectStoreError(s.tagMfaDevice(serial('nope'), []), 'NotFound')
      await s.deactivateMfaDevice('alice', serial('a'))
      await s.deleteVirtualMfaDevice(serial('a'))
      expect(await s.getMfaDevice(serial('a'))).toBeUndefined()
      await expectStoreError(s.deleteVirtualMfaDevice(serial('a')), 'NotFound')
      await s.deleteUser('alice')
    })

    it('pages in serial order with opaque markers; reset() empties devices', async () => {
      const s = h.store()
      for (const n of ['c', 'A', 'b', 'D', 'e']) await s.createVirtualMfaDevice({ name: n, seedCiphertext: SEED })
      const all = await collect((marker) => s.listVirtualMfaDevices({ maxItems: 2, ...(marker ? { marker } : {}) }))
      expect(all.map((d) => d.name)).toEqual(['A', 'b', 'c', 'D', 'e'])
      await expectStoreError(s.listVirtualMfaDevices({ marker: 'garbage' }), 'InvalidInput')
      await s.reset()
      expect((await s.listVirtualMfaDevices()).items).toEqual([])
    })
  })
}
