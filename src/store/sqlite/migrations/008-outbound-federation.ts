/**
 * Outbound identity federation: one row per account (created by the first
 * EnableOutboundWebIdentityFederation) with the issuer id, the switch, and the two token
 * signing keys sealed by the server. A new table only, so the step applies whatever other
 * steps ran before it.
 */
export const sql = `
CREATE TABLE outbound_federation (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  issuer_id TEXT NOT NULL,
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  rsa_key BLOB NOT NULL,
  ec_key BLOB NOT NULL,
  create_date TEXT NOT NULL,
  update_date TEXT NOT NULL
) STRICT;
`
