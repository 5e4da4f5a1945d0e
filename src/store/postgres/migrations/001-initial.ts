/**
 * The initial schema, the PostgreSQL twin of sqlite/migrations/001-initial.ts (same tables,
 * columns and version number). Names, paths and ARNs are COLLATE "C" so lower(name) sorts
 * and pages bytewise, exactly as SQLite does, whatever the database's default collation;
 * names are unique case-insensitively through unique indexes on lower(name) (IAM names are
 * ASCII). Dates are timestamptz; tags, the password policy and deletion task reasons are
 * jsonb, always read and written whole.
 */
export const sql = `
CREATE TABLE meta (
  key text PRIMARY KEY,
  value bigint NOT NULL
);
INSERT INTO meta (key, value) VALUES ('revision', 0);

CREATE TABLE account (
  singleton integer PRIMARY KEY CHECK (singleton = 1),
  id text NOT NULL,
  alias text,
  password_policy jsonb,
  create_date timestamptz NOT NULL
);

CREATE TABLE iam_users (
  id text PRIMARY KEY,
  name text COLLATE "C" NOT NULL,
  path text COLLATE "C" NOT NULL,
  create_date timestamptz NOT NULL,
  permissions_boundary_arn text COLLATE "C",
  password_last_used timestamptz,
  tags jsonb NOT NULL DEFAULT '[]'
);
CREATE UNIQUE INDEX iam_users_name ON iam_users (lower(name));
CREATE INDEX iam_users_boundary ON iam_users (permissions_boundary_arn) WHERE permissions_boundary_arn IS NOT NULL;

CREATE TABLE iam_groups (
  id text PRIMARY KEY,
  name text COLLATE "C" NOT NULL,
  path text COLLATE "C" NOT NULL,
  create_date timestamptz NOT NULL
);
CREATE UNIQUE INDEX iam_groups_name ON iam_groups (lower(name));

CREATE TABLE group_members (
  group_id text NOT NULL REFERENCES iam_groups (id),
  user_id text NOT NULL REFERENCES iam_users (id),
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_user ON group_members (user_id, group_id);

CREATE TABLE iam_roles (
  id text PRIMARY KEY,
  name text COLLATE "C" NOT NULL,
  path text COLLATE "C" NOT NULL,
  create_date timestamptz NOT NULL,
  assume_role_policy text NOT NULL,
  description text,
  max_session_duration integer NOT NULL,
  permissions_boundary_arn text COLLATE "C",
  last_used_date timestamptz,
  last_used_region text,
  tags jsonb NOT NULL DEFAULT '[]'
);
CREATE UNIQUE INDEX iam_roles_name ON iam_roles (lower(name));
CREATE INDEX iam_roles_boundary ON iam_roles (permissions_boundary_arn) WHERE permissions_boundary_arn IS NOT NULL;

CREATE TABLE iam_policies (
  id text PRIMARY KEY,
  name text COLLATE "C" NOT NULL,
  path text COLLATE "C" NOT NULL,
  arn text COLLATE "C" NOT NULL UNIQUE,
  default_version_id text NOT NULL,
  next_version integer NOT NULL,
  attachment_count integer NOT NULL DEFAULT 0,
  boundary_usage_count integer NOT NULL DEFAULT 0,
  description text,
  create_date timestamptz NOT NULL,
  update_date timestamptz NOT NULL,
  tags jsonb NOT NULL DEFAULT '[]'
);
CREATE UNIQUE INDEX iam_policies_name ON iam_policies (lower(name));

CREATE TABLE policy_versions (
  policy_id text NOT NULL REFERENCES iam_policies (id) ON DELETE CASCADE,
  version_id text NOT NULL,
  version_number integer NOT NULL,
  document text NOT NULL,
  create_date timestamptz NOT NULL,
  PRIMARY KEY (policy_id, version_id)
);

CREATE TABLE user_policy_attachments (
  principal_id text NOT NULL REFERENCES iam_users (id),
  policy_arn text COLLATE "C" NOT NULL,
  policy_id text REFERENCES iam_policies (id),
  policy_name text COLLATE "C" NOT NULL,
  policy_path text COLLATE "C" NOT NULL,
  PRIMARY KEY (principal_id, policy_arn)
);
CREATE INDEX user_policy_attachments_arn ON user_policy_attachments (policy_arn);

CREATE TABLE group_policy_attachments (
  principal_id text NOT NULL REFERENCES iam_groups (id),
  policy_arn text COLLATE "C" NOT NULL,
  policy_id text REFERENCES iam_policies (id),
  policy_name text COLLATE "C" NOT NULL,
  policy_path text COLLATE "C" NOT NULL,
  PRIMARY KEY (principal_id, policy_arn)
);
CREATE INDEX group_policy_attachments_arn ON group_policy_attachments (policy_arn);

CREATE TABLE role_policy_attachments (
  principal_id text NOT NULL REFERENCES iam_roles (id),
  policy_arn text COLLATE "C" NOT NULL,
  policy_id text REFERENCES iam_policies (id),
  policy_name text COLLATE "C" NOT NULL,
  policy_path text COLLATE "C" NOT NULL,
  PRIMARY KEY (principal_id, policy_arn)
);
CREATE INDEX role_policy_attachments_arn ON role_policy_attachments (policy_arn);

CREATE TABLE user_inline_policies (
  principal_id text NOT NULL REFERENCES iam_users (id),
  name text COLLATE "C" NOT NULL,
  document text NOT NULL,
  size integer NOT NULL,
  PRIMARY KEY (principal_id, name)
);

CREATE TABLE group_inline_policies (
  principal_id text NOT NULL REFERENCES iam_groups (id),
  name text COLLATE "C" NOT NULL,
  document text NOT NULL,
  size integer NOT NULL,
  PRIMARY KEY (principal_id, name)
);

CREATE TABLE role_inline_policies (
  principal_id text NOT NULL REFERENCES iam_roles (id),
  name text COLLATE "C" NOT NULL,
  document text NOT NULL,
  size integer NOT NULL,
  PRIMARY KEY (principal_id, name)
);

CREATE TABLE access_keys (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES iam_users (id),
  status text NOT NULL CHECK (status IN ('Active', 'Inactive')),
  secret bytea NOT NULL,
  create_date timestamptz NOT NULL,
  last_used_date timestamptz,
  last_used_service text,
  last_used_region text
);
CREATE INDEX access_keys_user ON access_keys (user_id);

CREATE TABLE instance_profiles (
  id text PRIMARY KEY,
  name text COLLATE "C" NOT NULL,
  path text COLLATE "C" NOT NULL,
  create_date timestamptz NOT NULL,
  tags jsonb NOT NULL DEFAULT '[]'
);
CREATE UNIQUE INDEX instance_profiles_name ON instance_profiles (lower(name));

-- profile_id as the primary key is what makes "one role per instance profile" a database rule.
CREATE TABLE instance_profile_roles (
  profile_id text PRIMARY KEY REFERENCES instance_profiles (id),
  role_id text NOT NULL REFERENCES iam_roles (id)
);
CREATE INDEX instance_profile_roles_role ON instance_profile_roles (role_id);

CREATE TABLE deletion_tasks (
  id text PRIMARY KEY,
  role_name text NOT NULL,
  status text NOT NULL,
  reason jsonb,
  create_date timestamptz NOT NULL
);
`
