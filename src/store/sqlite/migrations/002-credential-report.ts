/**
 * The account's credential report: one row at most, requested_at set when generation
 * starts, generated_at and content once it finishes (dates ISO 8601 UTC text).
 */
export const sql = `
CREATE TABLE credential_report (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  requested_at TEXT NOT NULL,
  generated_at TEXT,
  content TEXT
) STRICT;
`
