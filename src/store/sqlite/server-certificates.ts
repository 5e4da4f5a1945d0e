import { newEntityId } from '../ids.js'
import { tagsJson } from '../records.js'
import {
  checkServerCertificateQuota, SERVER_CERTIFICATE_COLUMNS as COLUMNS, serverCertificateExists, serverCertificateNotFound,
  serverCertificateRecord, type CreateServerCertificateInput, type ServerCertificateRecord, type ServerCertificateRow, type UpdateServerCertificateInput
} from '../server-certificate-records.js'
import type { ServerCertificateStore } from '../store.js'
import { mergeTags, removeTags } from '../tags.js'
import type { Page, PathPageRequest, Tag } from '../types.js'
import { insertUnique, isoDate, type SqliteContext } from './context.js'
import { pageByName } from './principals.js'
import type { Sync } from './sync.js'

/** ServerCertificateStore over SQLite (one writer at a time, so count-then-insert is atomic). */
export function serverCertificateOps(ctx: SqliteContext): Sync<ServerCertificateStore> {
  const find = (name: string) => ctx.get<ServerCertificateRow>(`SELECT ${COLUMNS} FROM server_certificates WHERE lower(name) = lower(?)`, name)
  const require = (name: string): ServerCertificateRecord => {
    const row = find(name)
    if (!row) throw serverCertificateNotFound(name)
    return serverCertificateRecord(ctx.accountId(), row)
  }
  // Tags, names and paths are cached per revision (src/server/entity-cache.ts), so changing them moves it.
  const setTags = (c: ServerCertificateRecord, tags: Tag[]) => {
    ctx.run('UPDATE server_certificates SET tags = ? WHERE id = ?', tagsJson(tags), c.id)
    ctx.bump()
  }
  return {
    createServerCertificate(input: CreateServerCertificateInput): ServerCertificateRecord {
      const tags = mergeTags([], input.tags ?? [], ctx.limits.tagsPerResource)
      ctx.accountId()
      checkServerCertificateQuota(ctx.get<{ n: number }>('SELECT count(*) AS n FROM server_certificates')?.n ?? 0, ctx.limits)
      insertUnique(() => ctx.run(
        'INSERT INTO server_certificates (id, name, path, body, chain, private_key, upload_date, expiration, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        input.id ?? newEntityId('ASCA'), input.name, input.path ?? '/', input.body, input.chain, input.privateKeyCiphertext,
        isoDate(input.uploadDate), isoDate(input.expiration), tagsJson(tags)
      ), serverCertificateExists(input.name), 'server-certificate')
      return require(input.name)
    },
    getServerCertificate(name: string): ServerCertificateRecord | undefined {
      const row = find(name)
      return row && serverCertificateRecord(ctx.accountId(), row)
    },
    listServerCertificates(request?: PathPageRequest): Page<ServerCertificateRecord> {
      const account = ctx.accountId()
      return pageByName<ServerCertificateRow, ServerCertificateRecord>(ctx, `SELECT ${COLUMNS} FROM server_certificates WHERE 1 = 1`, [], request,
        (r) => serverCertificateRecord(account, r))
    },
    updateServerCertificate(name: string, changes: UpdateServerCertificateInput): ServerCertificateRecord {
      const c = require(name)
      const newName = changes.newName ?? c.name
      insertUnique(() => ctx.run('UPDATE server_certificates SET name = ?, path = ? WHERE id = ?', newName, changes.newPath ?? c.path, c.id),
        serverCertificateExists(newName), 'server-certificate')
      ctx.bump()
      return require(newName)
    },
    deleteServerCertificate(name: string): void {
      ctx.run('DELETE FROM server_certificates WHERE id = ?', require(name).id)
      ctx.bump()
    },
    tagServerCertificate(name: string, tags: Tag[]): void {
      const c = require(name)
      setTags(c, mergeTags(c.tags, tags, ctx.limits.tagsPerResource))
    },
    untagServerCertificate(name: string, keys: string[]): void {
      const c = require(name)
      setTags(c, removeTags(c.tags, keys))
    }
  }
}
