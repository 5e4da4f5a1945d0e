import { entityArn } from '../arn.js'
import { StoreError } from '../errors.js'
import type { OidcProviderStore } from '../store.js'
import { mergeTags, removeTags } from '../tags.js'
import type { CreateOidcProviderInput, OidcProviderRecord, Tag, UpdateOidcProviderInput } from '../types.js'
import { insertUnique, isoDate, type SqliteContext } from './context.js'
import { parseTags, tagsJson } from './principals.js'
import type { Sync } from './sync.js'

interface OidcRow {
  rowid: number
  name: string
  url: string
  client_ids: string
  thumbprints: string
  create_date: string
  tags: string
}

const COLUMNS = 'rowid, name, url, client_ids, thumbprints, create_date, tags'

/** AWS's NoSuchEntity message for an OpenID Connect provider. */
export function oidcProviderNotFound(arn: string): StoreError {
  return new StoreError('NotFound', `OpenIDConnect Provider not found for arn ${arn}`, 'oidc-provider')
}

function clientIdQuota(limit: number): StoreError {
  return new StoreError('LimitExceeded', `Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${limit}`, 'oidc-provider')
}

/** Client ids without repeats, in first-seen order. */
function unique(values: string[]): string[] {
  return [...new Set(values)]
}

/** OidcProviderStore over SQLite. */
export function oidcProviderOps(ctx: SqliteContext): Sync<OidcProviderStore> {
  const arnOf = (name: string) => entityArn(ctx.accountId(), 'oidc-provider', '/', name)
  const toRecord = (row: OidcRow): OidcProviderRecord => ({
    name: row.name,
    arn: arnOf(row.name),
    url: row.url,
    clientIds: JSON.parse(row.client_ids) as string[],
    thumbprints: JSON.parse(row.thumbprints) as string[],
    createDate: new Date(row.create_date),
    tags: parseTags(row.tags)
  })
  const find = (name: string) => ctx.get<OidcRow>(`SELECT ${COLUMNS} FROM oidc_providers WHERE lower(name) = lower(?)`, name)
  const require = (name: string): OidcRow => {
    const row = find(name)
    if (!row) throw oidcProviderNotFound(arnOf(name))
    return row
  }
  const setTags = (row: OidcRow, tags: Tag[]) => ctx.run('UPDATE oidc_providers SET tags = ? WHERE rowid = ?', tagsJson(tags), row.rowid)
  return {
    createOidcProvider(input: CreateOidcProviderInput): OidcProviderRecord {
      const clientIds = unique(input.clientIds ?? [])
      if (clientIds.length > ctx.limits.clientIdsPerOidcProvider) throw clientIdQuota(ctx.limits.clientIdsPerOidcProvider)
      const tags = mergeTags([], input.tags ?? [], ctx.limits.tagsPerResource)
      ctx.accountId()
      if (find(input.name)) throw new StoreError('AlreadyExists', `Provider with url ${input.url} already exists.`, 'oidc-provider')
      const count = ctx.get<{ n: number }>('SELECT count(*) AS n FROM oidc_providers')?.n ?? 0
      if (count >= ctx.limits.oidcProvidersPerAccount) {
        throw new StoreError('LimitExceeded', `Cannot exceed quota for OpenIdConnectProvidersPerAccount: ${ctx.limits.oidcProvidersPerAccount}`, 'oidc-provider')
      }
      insertUnique(() => ctx.run('INSERT INTO oidc_providers (name, url, client_ids, thumbprints, create_date, tags) VALUES (?, ?, ?, ?, ?, ?)',
        input.name, input.url, JSON.stringify(clientIds), JSON.stringify(unique(input.thumbprints ?? [])), isoDate(), tagsJson(tags)),
      `Provider with url ${input.url} already exists.`, 'oidc-provider')
      return toRecord(require(input.name))
    },
    getOidcProvider(name: string): OidcProviderRecord | undefined {
      const row = find(name)
      return row && toRecord(row)
    },
    listOidcProviders(): OidcProviderRecord[] {
      return ctx.all<OidcRow>(`SELECT ${COLUMNS} FROM oidc_providers ORDER BY lower(name)`).map(toRecord)
    },
    deleteOidcProvider(name: string): void {
      ctx.run('DELETE FROM oidc_providers WHERE rowid = ?', require(name).rowid)
      ctx.bump()
    },
    updateOidcProvider(name: string, changes: UpdateOidcProviderInput): OidcProviderRecord {
      const row = require(name)
      let clientIds = JSON.parse(row.client_ids) as string[]
      if (changes.addClientId !== undefined && !clientIds.includes(changes.addClientId)) {
        if (clientIds.length >= ctx.limits.clientIdsPerOidcProvider) throw clientIdQuota(ctx.limits.clientIdsPerOidcProvider)
        clientIds = [...clientIds, changes.addClientId]
      }
      if (changes.removeClientId !== undefined) clientIds = clientIds.filter((c) => c !== changes.removeClientId)
      const thumbprints = changes.thumbprints !== undefined ? unique(changes.thumbprints) : (JSON.parse(row.thumbprints) as string[])
      ctx.run('UPDATE oidc_providers SET client_ids = ?, thumbprints = ? WHERE rowid = ?', JSON.stringify(clientIds), JSON.stringify(thumbprints), row.rowid)
      ctx.bump()
      return toRecord(require(name))
    },
    tagOidcProvider(name: string, tags: Tag[]): void {
      const row = require(name)
      setTags(row, mergeTags(parseTags(row.tags), tags, ctx.limits.tagsPerResource))
    },
    untagOidcProvider(name: string, keys: string[]): void {
      const row = require(name)
      setTags(row, removeTags(parseTags(row.tags), keys))
    }
  }
}
