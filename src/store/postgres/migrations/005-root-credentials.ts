/** Root credentials kept in the database; the twin of sqlite/migrations/005-root-credentials.ts. */
export const sql = `
ALTER TABLE account ADD COLUMN root_access_key_id text, ADD COLUMN root_secret bytea;
`
