/**
 * The initial schema. Names are unique case-insensitively through unique indexes on
 * lower(name) (IAM names are ASCII, where SQLite's lower() folds exactly). Dates are ISO
 * 8601 UTC text, which sorts chronologically. Tags are a JSON array per resource: at most
 * 50, always read and written whole.
 */
export const sql = `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;
INSERT INTO meta (key, value) VALUES ('revision', 0);

CREATE TABLE account (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  id TEXT NOT NULL,
  alias TEXT,
  password_policy TEXT,
  create_date TEXT NOT NULL
) STRICT;

CREATE TABLE iam_users (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  create_date TEXT NOT NULL,
  permissions_boundary_arn TEXT,
  password_last_used TEXT,
  tags TEXT NOT NULL DEFAULT '[]'
) STRICT;
CREATE UNIQUE INDEX iam_users_name ON iam_users (lower(name));
CREATE INDEX iam_users_boundary ON iam_users (permissions_boundary_arn) WHERE permissions_boundary_arn IS NOT NULL;

CREATE TABLE iam_groups (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  create_date TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX iam_groups_name ON iam_groups (lower(name));

CREATE TABLE group_members (
  group_id TEXT NOT NULL REFERENCES iam_groups (id),
  user_id TEXT NOT NULL REFERENCES iam_users (id),
  PRIMARY KEY (group_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX group_members_user ON group_members (user_id, group_id);

CREATE TABLE iam_roles (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  create_date TEXT NOT NULL,
  assume_role_policy TEXT NOT NULL,
  description TEXT,
  max_session_duration INTEGER NOT NULL,
  permissions_boundary_arn TEXT,
  last_used_date TEXT,
  last_used_region TEXT,
  tags TEXT NOT NULL DEFAULT '[]'
) STRICT;
CREATE UNIQUE INDEX iam_roles_name ON iam_roles (lower(name));
CREATE INDEX iam_roles_boundary ON iam_roles (permissions_boundary_arn) WHERE permissions_boundary_arn IS NOT NULL;

CREATE TABLE iam_policies (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  arn TEXT NOT NULL UNIQUE,
  default_version_id TEXT NOT NULL,
  next_version INTEGER NOT NULL,
  attachment_count INTEGER NOT NULL DEFAULT 0,
  boundary_usage_count INTEGER NOT NULL DEFAULT 0,
  description TEXT,
  create_date TEXT NOT NULL,
  update_date TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]'
) STRICT;
CREATE UNIQUE INDEX iam_policies_name ON iam_policies (lower(name));

CREATE TABLE policy_versions (
  policy_id TEXT NOT NULL REFERENCES iam_policies (id) ON DELETE CASCADE,
  version_id TEXT NOT NULL,
  version_number INTEGER NOT NULL,
  document TEXT NOT NULL,
  create_date TEXT NOT NULL,
  PRIMARY KEY (policy_id, version_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE user_policy_attachments (
  principal_id TEXT NOT NULL REFERENCES iam_users (id),
  policy_arn TEXT NOT NULL,
  policy_id TEXT REFERENCES iam_policies (id),
  policy_name TEXT NOT NULL,
  policy_path TEXT NOT NULL,
  PRIMARY KEY (principal_id, policy_arn)
) STRICT, WITHOUT ROWID;
CREATE INDEX user_policy_attachments_arn ON user_policy_attachments (policy_arn);

CREATE TABLE group_policy_attachments (
  principal_id TEXT NOT NULL REFERENCES iam_groups (id),
  policy_arn TEXT NOT NULL,
  policy_id TEXT REFERENCES iam_policies (id),
  policy_name TEXT NOT NULL,
  policy_path TEXT NOT NULL,
  PRIMARY KEY (principal_id, policy_arn)
) STRICT, WITHOUT ROWID;
CREATE INDEX group_policy_attachments_arn ON group_policy_attachments (policy_arn);

CREATE TABLE role_policy_attachments (
  principal_id TEXT NOT NULL REFERENCES iam_roles (id),
  policy_arn TEXT NOT NULL,
  policy_id TEXT REFERENCES iam_policies (id),
  policy_name TEXT NOT NULL,
  policy_path TEXT NOT NULL,
  PRIMARY KEY (principal_id, policy_arn)
) STRICT, WITHOUT ROWID;
CREATE INDEX role_policy_attachments_arn ON role_policy_attachments (policy_arn);

CREATE TABLE user_inline_policies (
  principal_id TEXT NOT NULL REFERENCES iam_users (id),
  name TEXT NOT NULL,
  document TEXT NOT NULL,
  size INTEGER NOT NULL,
  PRIMARY KEY (principal_id, name)
) STRICT, WITHOUT ROWID;

CREATE TABLE group_inline_policies (
  principal_id TEXT NOT NULL REFERENCES iam_groups (id),
  name TEXT NOT NULL,
  document TEXT NOT NULL,
  size INTEGER NOT NULL,
  PRIMARY KEY (principal_id, name)
) STRICT, WITHOUT ROWID;

CREATE TABLE role_inline_policies (
  principal_id TEXT NOT NULL REFERENCES iam_roles (id),
  name TEXT NOT NULL,
  document TEXT NOT NULL,
  size INTEGER NOT NULL,
  PRIMARY KEY (principal_id, name)
) STRICT, WITHOUT ROWID;

CREATE TABLE access_keys (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES iam_users (id),
  status TEXT NOT NULL CHECK (status IN ('Active', 'Inactive')),
  secret BLOB NOT NULL,
  create_date TEXT NOT NULL,
  last_used_date TEXT,
  last_used_service TEXT,
  last_used_region TEXT
) STRICT;
CREATE INDEX access_keys_user ON access_keys (user_id);

CREATE TABLE instance_profiles (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  create_date TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]'
) STRICT;
CREATE UNIQUE INDEX instance_profiles_name ON instance_profiles (lower(name));

-- profile_id as the primary key is what makes "one role per instance profile" a database rule.
CREATE TABLE instance_profile_roles (
  profile_id TEXT PRIMARY KEY REFERENCES instance_profiles (id),
  role_id TEXT NOT NULL REFERENCES iam_roles (id)
) STRICT, WITHOUT ROWID;
CREATE INDEX instance_profile_roles_role ON instance_profile_roles (role_id);

CREATE TABLE deletion_tasks (
  id TEXT PRIMARY KEY,
  role_name TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  create_date TEXT NOT NULL
) STRICT;
`
