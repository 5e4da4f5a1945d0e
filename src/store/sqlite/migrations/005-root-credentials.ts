/**
 * Root credentials kept in the database (the secret sealed by the server), so that every
 * server on one database uses the same ones. Warden on SQLite still keeps them in the data
 * directory as well; PostgreSQL replicas rely on these columns.
 */
export const sql = `
ALTER TABLE account ADD COLUMN root_access_key_id TEXT;
ALTER TABLE account ADD COLUMN root_secret BLOB;
`
