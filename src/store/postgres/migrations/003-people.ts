/**
 * Login profiles, virtual MFA devices and per-user service credentials: the twin of sqlite/migrations/003-people.ts.
 * Serial numbers are COLLATE "C" so lower(serial_number) pages bytewise, as on SQLite.
 */
export const sql = `
CREATE TABLE login_profiles (
  user_id text PRIMARY KEY REFERENCES iam_users (id),
  password_hash text NOT NULL,
  password_history jsonb NOT NULL DEFAULT '[]',
  password_reset_required boolean NOT NULL,
  create_date timestamptz NOT NULL,
  password_last_changed timestamptz NOT NULL
);

CREATE TABLE mfa_devices (
  serial_number text COLLATE "C" PRIMARY KEY,
  name text COLLATE "C" NOT NULL,
  path text COLLATE "C" NOT NULL,
  seed bytea NOT NULL,
  user_id text REFERENCES iam_users (id),
  enable_date timestamptz,
  last_used_step bigint,
  drift_steps integer NOT NULL DEFAULT 0,
  create_date timestamptz NOT NULL,
  tags jsonb NOT NULL DEFAULT '[]',
  CHECK ((user_id IS NULL) = (enable_date IS NULL))
);
CREATE UNIQUE INDEX mfa_devices_serial ON mfa_devices (lower(serial_number));
CREATE INDEX mfa_devices_user ON mfa_devices (user_id) WHERE user_id IS NOT NULL;

CREATE TABLE user_credentials (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('ssh-public-key', 'signing-certificate', 'service-specific-credential')),
  user_id text NOT NULL REFERENCES iam_users (id),
  status text NOT NULL CHECK (status IN ('Active', 'Inactive')),
  create_date timestamptz NOT NULL,
  body text,
  fingerprint text,
  service_name text,
  service_user_name text,
  secret bytea
);
CREATE INDEX user_credentials_user ON user_credentials (user_id, kind);
CREATE UNIQUE INDEX user_credentials_ssh ON user_credentials (user_id, fingerprint) WHERE kind = 'ssh-public-key';
CREATE UNIQUE INDEX user_credentials_cert ON user_credentials (fingerprint) WHERE kind = 'signing-certificate';
`
