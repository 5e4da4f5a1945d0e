/**
 * Service last accessed data: the latest authenticated attempt per entity (user or role, by
 * unique id) and action, report jobs (the finished report as JSON), and the account's STS
 * preferences. Dates are ISO 8601 UTC text, so text order is time order.
 */
export const sql = `
CREATE TABLE service_last_accessed (
  entity_id TEXT NOT NULL,
  entity_arn TEXT NOT NULL,
  namespace TEXT NOT NULL,
  action TEXT NOT NULL,
  last_authenticated TEXT NOT NULL,
  region TEXT NOT NULL,
  PRIMARY KEY (entity_id, namespace, action)
) STRICT, WITHOUT ROWID;

CREATE TABLE service_last_accessed_jobs (
  id TEXT PRIMARY KEY,
  arn TEXT NOT NULL,
  granularity TEXT NOT NULL CHECK (granularity IN ('SERVICE_LEVEL', 'ACTION_LEVEL')),
  status TEXT NOT NULL CHECK (status IN ('IN_PROGRESS', 'COMPLETED', 'FAILED')),
  create_date TEXT NOT NULL,
  completion_date TEXT,
  report TEXT,
  error_code TEXT,
  error_message TEXT
) STRICT;

CREATE TABLE sts_preferences (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  global_endpoint_token_version TEXT NOT NULL CHECK (global_endpoint_token_version IN ('v1Token', 'v2Token'))
) STRICT;
`
