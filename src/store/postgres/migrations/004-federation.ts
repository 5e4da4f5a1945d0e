/**
 * Federation: OpenID Connect and SAML identity providers, the PostgreSQL twin of
 * sqlite/migrations/004-federation.ts. Only new tables, so the step applies whatever other
 * steps ran before it. Client ids, thumbprints, private keys (sealed, base64) and tags are
 * jsonb arrays read and written whole.
 */
export const sql = `
CREATE TABLE oidc_providers (
  name text COLLATE "C" NOT NULL,
  url text NOT NULL,
  client_ids jsonb NOT NULL DEFAULT '[]',
  thumbprints jsonb NOT NULL DEFAULT '[]',
  create_date timestamptz NOT NULL,
  tags jsonb NOT NULL DEFAULT '[]'
);
CREATE UNIQUE INDEX oidc_providers_name ON oidc_providers (lower(name));

CREATE TABLE saml_providers (
  name text COLLATE "C" NOT NULL,
  uuid text NOT NULL UNIQUE,
  metadata text NOT NULL,
  create_date timestamptz NOT NULL,
  valid_until timestamptz NOT NULL,
  encryption_mode text CHECK (encryption_mode IN ('Required', 'Allowed')),
  private_keys jsonb NOT NULL DEFAULT '[]',
  tags jsonb NOT NULL DEFAULT '[]'
);
CREATE UNIQUE INDEX saml_providers_name ON saml_providers (lower(name));
`
