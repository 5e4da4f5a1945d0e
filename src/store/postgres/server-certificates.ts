import { newEntityId } from '../ids.js'
import { tagsJson } from '../records.js'
import { givenDate } from '../rules.js'
import {
  checkServerCertificateQuota, SERVER_CERTIFICATE_COLUMNS as COLUMNS, serverCertificateExists, serverCertificateNotFound, serverCertificateRecord,
  type ServerCertificateRecord, type ServerCertificateRow
} from '../server-certificate-records.js'
import type { ServerCertificateStore } from '../store.js'
import { mergeTags, removeTags } from '../tags.js'
import type { Tag } from '../types.js'
import { insertUnique } from './errors.js'
import type { WithSession } from './ops.js'
import { lockClause, pageByName, type Lock } from './principals.js'
import type { PgSession } from './session.js'

/** The certificate, NotFound if there is none; with a lock, the row stays locked to the end of the transaction. */
async function certificate(s: PgSession, name: string, lock?: Lock): Promise<ServerCertificateRecord> {
  const row = await s.get<ServerCertificateRow>(`SELECT ${COLUMNS} FROM server_certificates WHERE lower(name) = lower(?)${lockClause(lock)}`, name)
  if (!row) throw serverCertificateNotFound(name)
  return serverCertificateRecord(await s.accountId(), row)
}

// Tags, names and paths are cached per revision (src/server/entity-cache.ts), so changing them moves it.
async function setTags(s: PgSession, c: ServerCertificateRecord, tags: Tag[]): Promise<void> {
  await s.run('UPDATE server_certificates SET tags = ? WHERE id = ?', tagsJson(tags), c.id)
  s.bump()
}

/** ServerCertificateStore over PostgreSQL: the account row is locked while the per-account quota is counted. */
export const serverCertificateOps: WithSession<ServerCertificateStore> = {
  async createServerCertificate(s, input) {
    const tags = mergeTags([], input.tags ?? [], s.limits.tagsPerResource)
    await s.accountId()
    await s.run('SELECT 1 FROM account WHERE singleton = 1 FOR UPDATE')
    checkServerCertificateQuota((await s.get<{ n: number }>('SELECT count(*)::int AS n FROM server_certificates'))?.n ?? 0, s.limits)
    await insertUnique(() => s.run(
      'INSERT INTO server_certificates (id, name, path, body, chain, private_key, upload_date, expiration, tags) VALUES (?, ?, ?, ?, ?, ?, coalesce(?::timestamptz, now()), ?, ?)',
      input.id ?? newEntityId('ASCA'), input.name, input.path ?? '/', input.body, input.chain, input.privateKeyCiphertext,
      givenDate(input.uploadDate), givenDate(input.expiration), tagsJson(tags)
    ), serverCertificateExists(input.name), 'server-certificate')
    return certificate(s, input.name)
  },
  async getServerCertificate(s, name) {
    const row = await s.get<ServerCertificateRow>(`SELECT ${COLUMNS} FROM server_certificates WHERE lower(name) = lower(?)`, name)
    return row && serverCertificateRecord(await s.accountId(), row)
  },
  async listServerCertificates(s, request) {
    const account = await s.accountId()
    return pageByName<ServerCertificateRow, ServerCertificateRecord>(s, `SELECT ${COLUMNS} FROM server_certificates WHERE 1 = 1`, [], request,
      (r) => serverCertificateRecord(account, r), 'lower(name)', 'path')
  },
  async updateServerCertificate(s, name, changes) {
    const c = await certificate(s, name, 'update')
    const newName = changes.newName ?? c.name
    await insertUnique(() => s.run('UPDATE server_certificates SET name = ?, path = ? WHERE id = ?', newName, changes.newPath ?? c.path, c.id),
      serverCertificateExists(newName), 'server-certificate')
    s.bump()
    return certificate(s, newName)
  },
  async deleteServerCertificate(s, name) {
    const c = await certificate(s, name, 'update')
    await s.run('DELETE FROM server_certificates WHERE id = ?', c.id)
    s.bump()
  },
  async tagServerCertificate(s, name, tags) {
    const c = await certificate(s, name, 'update')
    await setTags(s, c, mergeTags(c.tags, tags, s.limits.tagsPerResource))
  },
  async untagServerCertificate(s, name, keys) {
    const c = await certificate(s, name, 'update')
    await setTags(s, c, removeTags(c.tags, keys))
  }
}
