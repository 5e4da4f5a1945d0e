/**
 * IAM server certificates. Only a new table, so this step applies whatever other steps ran
 * before it. Names are unique case-insensitively (the index also serves name-ordered
 * paging); the private key is kept sealed (AES-256-GCM under the master key), never in the
 * clear; tags are a JSON array read and written whole (at most 50).
 */
export const sql = `
CREATE TABLE server_certificates (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  body TEXT NOT NULL,
  chain TEXT,
  private_key BLOB NOT NULL,
  upload_date TEXT NOT NULL,
  expiration TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]'
) STRICT;
CREATE UNIQUE INDEX server_certificates_name ON server_certificates (lower(name));
`
