/** Partial indexes of AWS managed attachments; the twin of sqlite/migrations/010-scale-indexes.ts. */
export const sql = `
CREATE INDEX user_policy_attachments_aws ON user_policy_attachments (policy_arn) WHERE policy_id IS NULL;
CREATE INDEX group_policy_attachments_aws ON group_policy_attachments (policy_arn) WHERE policy_id IS NULL;
CREATE INDEX role_policy_attachments_aws ON role_policy_attachments (policy_arn) WHERE policy_id IS NULL;
`
