/** Outbound identity federation settings; the twin of sqlite/migrations/008-outbound-federation.ts. */
export const sql = `
CREATE TABLE outbound_federation (
  singleton integer PRIMARY KEY CHECK (singleton = 1),
  issuer_id text NOT NULL,
  enabled boolean NOT NULL,
  rsa_key bytea NOT NULL,
  ec_key bytea NOT NULL,
  create_date timestamptz NOT NULL,
  update_date timestamptz NOT NULL
);
`
