/**
 * Federation: OpenID Connect and SAML identity providers. Only new tables, so this step
 * applies whether or not migration 2 (written on another branch) ran before it. Names are
 * unique case-insensitively; client ids, thumbprints, tags and private keys are JSON arrays
 * read and written whole (each is bounded: 100 client ids, 5 thumbprints, 50 tags, 2 keys).
 * Private keys are stored sealed, as base64 ciphertext.
 */
export const sql = `
CREATE TABLE oidc_providers (
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  client_ids TEXT NOT NULL DEFAULT '[]',
  thumbprints TEXT NOT NULL DEFAULT '[]',
  create_date TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]'
) STRICT;
CREATE UNIQUE INDEX oidc_providers_name ON oidc_providers (lower(name));

CREATE TABLE saml_providers (
  name TEXT NOT NULL,
  uuid TEXT NOT NULL UNIQUE,
  metadata TEXT NOT NULL,
  create_date TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  encryption_mode TEXT CHECK (encryption_mode IN ('Required', 'Allowed')),
  private_keys TEXT NOT NULL DEFAULT '[]',
  tags TEXT NOT NULL DEFAULT '[]'
) STRICT;
CREATE UNIQUE INDEX saml_providers_name ON saml_providers (lower(name));
`
