/**
 * Service last accessed data, the twin of sqlite/migrations/007-service-last-accessed.ts:
 * the latest authenticated attempt per entity and action, report jobs, STS preferences.
 */
export const sql = `
CREATE TABLE service_last_accessed (
  entity_id text COLLATE "C" NOT NULL,
  entity_arn text COLLATE "C" NOT NULL,
  namespace text COLLATE "C" NOT NULL,
  action text COLLATE "C" NOT NULL,
  last_authenticated timestamptz NOT NULL,
  region text NOT NULL,
  PRIMARY KEY (entity_id, namespace, action)
);

CREATE TABLE service_last_accessed_jobs (
  id text COLLATE "C" PRIMARY KEY,
  arn text COLLATE "C" NOT NULL,
  granularity text NOT NULL CHECK (granularity IN ('SERVICE_LEVEL', 'ACTION_LEVEL')),
  status text NOT NULL CHECK (status IN ('IN_PROGRESS', 'COMPLETED', 'FAILED')),
  create_date timestamptz NOT NULL,
  completion_date timestamptz,
  report text,
  error_code text,
  error_message text
);

CREATE TABLE sts_preferences (
  singleton integer PRIMARY KEY CHECK (singleton = 1),
  global_endpoint_token_version text NOT NULL CHECK (global_endpoint_token_version IN ('v1Token', 'v2Token'))
);
`
