/**
 * IAM temporary delegation requests. Only a new table, so the step applies whatever other
 * steps ran before it. The request is kept whole as JSON (`body`); the columns beside it
 * are what the store looks up by: the id, the requestor's workflow id (unique per
 * requestor account, as AWS checks it) and the owner for ListDelegationRequests.
 */
export const sql = `
CREATE TABLE delegation_requests (
  id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  requestor_account_id TEXT NOT NULL,
  workflow_id TEXT NOT NULL,
  owner_account_id TEXT,
  owner_id TEXT,
  body TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX delegation_requests_workflow ON delegation_requests (requestor_account_id, workflow_id);
CREATE INDEX delegation_requests_owner ON delegation_requests (owner_account_id, id) WHERE owner_id IS NOT NULL;
`
