/**
 * The account's credential report, the twin of sqlite/migrations/002-credential-report.ts:
 * one row at most, requested_at set when generation starts, generated_at and content once
 * it finishes.
 */
export const sql = `
CREATE TABLE credential_report (
  singleton integer PRIMARY KEY CHECK (singleton = 1),
  requested_at timestamptz NOT NULL,
  generated_at timestamptz,
  content text
);
`
