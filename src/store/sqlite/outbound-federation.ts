import {
  DISABLE_OUTBOUND_FEDERATION_SQL, ENABLE_OUTBOUND_FEDERATION_SQL, INSERT_OUTBOUND_FEDERATION_SQL, OUTBOUND_FEDERATION_SQL,
  outboundFederationMissing, outboundFederationRecord, type OutboundFederationKeys, type OutboundFederationRecord, type OutboundFederationRow
} from '../outbound-federation-records.js'
import type { OutboundFederationStore } from '../store.js'
import { isoDate, type SqliteContext } from './context.js'
import type { Sync } from './sync.js'

/** OutboundFederationStore over SQLite. */
export function outboundFederationOps(ctx: SqliteContext): Sync<OutboundFederationStore> {
  const get = (): OutboundFederationRecord | undefined => outboundFederationRecord(ctx.get<OutboundFederationRow>(OUTBOUND_FEDERATION_SQL))
  return {
    getOutboundFederation: get,
    enableOutboundFederation(keys?: OutboundFederationKeys) {
      const now = isoDate()
      if (keys) ctx.run(INSERT_OUTBOUND_FEDERATION_SQL, keys.issuerId, keys.sealedRsaKey, keys.sealedEcKey, now, now)
      const changed = ctx.run(ENABLE_OUTBOUND_FEDERATION_SQL, now).changes > 0
      const record = get()
      if (!record) throw outboundFederationMissing()
      return { record, changed }
    },
    disableOutboundFederation() {
      return ctx.run(DISABLE_OUTBOUND_FEDERATION_SQL, isoDate()).changes > 0
    }
  }
}
