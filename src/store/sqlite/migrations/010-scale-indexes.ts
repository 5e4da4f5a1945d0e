/**
 * Indexes found missing at scale (100,000 roles and policies, bench/scale-plans.ts): the
 * AWS managed policy usage counts (ListPolicies Scope=AWS/All, GetAccountAuthorizationDetails)
 * scanned every attachment table; these partial indexes hold only the rows of AWS managed
 * attachments (no policy_id), so the count reads just those.
 */
export const sql = `
CREATE INDEX user_policy_attachments_aws ON user_policy_attachments (policy_arn) WHERE policy_id IS NULL;
CREATE INDEX group_policy_attachments_aws ON group_policy_attachments (policy_arn) WHERE policy_id IS NULL;
CREATE INDEX role_policy_attachments_aws ON role_policy_attachments (policy_arn) WHERE policy_id IS NULL;
`
