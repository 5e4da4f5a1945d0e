/**
 * IAM temporary delegation requests, the PostgreSQL twin of
 * sqlite/migrations/009-delegation-requests.ts: the request whole as jsonb, beside the
 * columns the store looks up by.
 */
export const sql = `
CREATE TABLE delegation_requests (
  id text COLLATE "C" PRIMARY KEY,
  version integer NOT NULL,
  requestor_account_id text NOT NULL,
  workflow_id text COLLATE "C" NOT NULL,
  owner_account_id text,
  owner_id text COLLATE "C",
  body jsonb NOT NULL
);
CREATE UNIQUE INDEX delegation_requests_workflow ON delegation_requests (requestor_account_id, workflow_id);
CREATE INDEX delegation_requests_owner ON delegation_requests (owner_account_id, id) WHERE owner_id IS NOT NULL;
`
