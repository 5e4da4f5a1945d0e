/**
 * IAM server certificates, the PostgreSQL twin of sqlite/migrations/006-server-certificates.ts.
 * Only a new table; the private key is kept sealed (bytea), tags are a jsonb array.
 */
export const sql = `
CREATE TABLE server_certificates (
  id text PRIMARY KEY,
  name text COLLATE "C" NOT NULL,
  path text COLLATE "C" NOT NULL,
  body text NOT NULL,
  chain text,
  private_key bytea NOT NULL,
  upload_date timestamptz NOT NULL,
  expiration timestamptz NOT NULL,
  tags jsonb NOT NULL DEFAULT '[]'
);
CREATE UNIQUE INDEX server_certificates_name ON server_certificates (lower(name));
`
