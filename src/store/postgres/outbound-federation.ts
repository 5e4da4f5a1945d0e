import {
  DISABLE_OUTBOUND_FEDERATION_SQL, ENABLE_OUTBOUND_FEDERATION_SQL, INSERT_OUTBOUND_FEDERATION_SQL, OUTBOUND_FEDERATION_SQL,
  outboundFederationMissing, outboundFederationRecord, type OutboundFederationKeys, type OutboundFederationRow
} from '../outbound-federation-records.js'
import type { OutboundFederationStore } from '../store.js'
import type { WithSession } from './ops.js'
import type { PgSession } from './session.js'

async function read(s: PgSession) {
  return outboundFederationRecord(await s.get<OutboundFederationRow>(OUTBOUND_FEDERATION_SQL))
}

/**
 * OutboundFederationStore over PostgreSQL. Replicas enabling together: the insert keeps the
 * first writer's row, and the guarded update lets exactly one of them report a change (the
 * other waits for the row lock, then finds the switch already set).
 */
export const outboundFederationOps: WithSession<OutboundFederationStore> = {
  getOutboundFederation: read,
  async enableOutboundFederation(s, keys?: OutboundFederationKeys) {
    const now = new Date()
    if (keys) await s.run(INSERT_OUTBOUND_FEDERATION_SQL, keys.issuerId, keys.sealedRsaKey, keys.sealedEcKey, now, now)
    const changed = (await s.run(ENABLE_OUTBOUND_FEDERATION_SQL, now)) > 0
    const record = await read(s)
    if (!record) throw outboundFederationMissing()
    return { record, changed }
  },
  async disableOutboundFederation(s) {
    return (await s.run(DISABLE_OUTBOUND_FEDERATION_SQL, new Date())) > 0
  }
}
