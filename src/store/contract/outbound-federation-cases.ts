import { describe, expect, it } from 'vitest'
import { expectStoreError, type Harness } from './harness.js'

const KEYS = { issuerId: '11111111-2222-4333-8444-555555555555', sealedRsaKey: new Uint8Array([1, 2, 3]), sealedEcKey: new Uint8Array([4, 5]) }

/** Outbound identity federation: the settings row, its switch, first-writer keys, reset. */
export function outboundFederationCases(h: Harness): void {
  describe('outbound federation', () => {
    it('has no settings until the first enable, which records the issuer and keys', async () => {
      const s = h.store()
      expect(await s.getOutboundFederation()).toBeUndefined()
      expect(await s.disableOutboundFederation()).toBe(false)
      await expectStoreError(s.enableOutboundFederation(), 'NotFound')
      expect(await s.getOutboundFederation()).toBeUndefined()
      const { record, changed } = await s.enableOutboundFederation(KEYS)
      expect(changed).toBe(true)
      expect(record).toMatchObject({ issuerId: KEYS.issuerId, enabled: true, sealedRsaKey: KEYS.sealedRsaKey, sealedEcKey: KEYS.sealedEcKey })
      expect(record.createDate).toBeInstanceOf(Date)
      expect(await s.getOutboundFederation()).toEqual(record)
    })

    it('keeps the first issuer and keys across disable and enable; reports whether the switch moved', async () => {
      const s = h.store()
      await s.enableOutboundFederation(KEYS)
      const again = await s.enableOutboundFederation({ issuerId: 'other', sealedRsaKey: new Uint8Array([9]), sealedEcKey: new Uint8Array([9]) })
      expect(again.changed).toBe(false)
      expect(again.record).toMatchObject({ issuerId: KEYS.issuerId, sealedRsaKey: KEYS.sealedRsaKey, enabled: true })
      expect(await s.disableOutboundFederation()).toBe(true)
      expect(await s.disableOutboundFederation()).toBe(false)
      const off = await s.getOutboundFederation()
      expect(off).toMatchObject({ issuerId: KEYS.issuerId, enabled: false, sealedEcKey: KEYS.sealedEcKey })
      const on = await s.enableOutboundFederation()
      expect(on.changed).toBe(true)
      expect(on.record).toMatchObject({ issuerId: KEYS.issuerId, enabled: true })
    })

    it('does not move the revision; reset removes the settings', async () => {
      const s = h.store()
      const before = await s.getRevision()
      await s.enableOutboundFederation(KEYS)
      await s.disableOutboundFederation()
      expect(await s.getRevision()).toBe(before)
      await s.reset()
      expect(await s.getOutboundFederation()).toBeUndefined()
    })

    it('two enables racing: both see the same keys, exactly one reports the change', async () => {
      const s = h.store()
      const results = await Promise.all([
        s.enableOutboundFederation(KEYS),
        s.enableOutboundFederation({ issuerId: '99999999-2222-4333-8444-555555555555', sealedRsaKey: new Uint8Array([7]), sealedEcKey: new Uint8Array([8]) })
      ])
      expect(results.filter((r) => r.changed)).toHaveLength(1)
      expect(new Set(results.map((r) => r.record.issuerId)).size).toBe(1)
    })
  })
}
