/**
 * Login profiles, virtual MFA devices and the per-user credentials of other services (SSH
 * public keys, signing certificates, service-specific credentials). Passwords are stored only as the caller's
 * memory-hard hashes (with the last few kept for reuse prevention), MFA seeds only sealed.
 * Serial numbers are unique case-insensitively, as IAM names are. The twin of
 * postgres/migrations/003-people.ts.
 */
export const sql = `
CREATE TABLE login_profiles (
  user_id TEXT PRIMARY KEY REFERENCES iam_users (id),
  password_hash TEXT NOT NULL,
  password_history TEXT NOT NULL DEFAULT '[]',
  password_reset_required INTEGER NOT NULL CHECK (password_reset_required IN (0, 1)),
  create_date TEXT NOT NULL,
  password_last_changed TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE mfa_devices (
  serial_number TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  seed BLOB NOT NULL,
  user_id TEXT REFERENCES iam_users (id),
  enable_date TEXT,
  last_used_step INTEGER,
  drift_steps INTEGER NOT NULL DEFAULT 0,
  create_date TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]',
  CHECK ((user_id IS NULL) = (enable_date IS NULL))
) STRICT;
CREATE UNIQUE INDEX mfa_devices_serial ON mfa_devices (lower(serial_number));
CREATE INDEX mfa_devices_user ON mfa_devices (user_id) WHERE user_id IS NOT NULL;

CREATE TABLE user_credentials (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('ssh-public-key', 'signing-certificate', 'service-specific-credential')),
  user_id TEXT NOT NULL REFERENCES iam_users (id),
  status TEXT NOT NULL CHECK (status IN ('Active', 'Inactive')),
  create_date TEXT NOT NULL,
  body TEXT,
  fingerprint TEXT,
  service_name TEXT,
  service_user_name TEXT,
  secret BLOB
) STRICT;
CREATE INDEX user_credentials_user ON user_credentials (user_id, kind);
-- An SSH key once per user; a certificate once in the whole account (AWS's DuplicateCertificate).
CREATE UNIQUE INDEX user_credentials_ssh ON user_credentials (user_id, fingerprint) WHERE kind = 'ssh-public-key';
CREATE UNIQUE INDEX user_credentials_cert ON user_credentials (fingerprint) WHERE kind = 'signing-certificate';
`
