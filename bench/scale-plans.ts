/**
 * Query plans and timings of the store calls the request path and the List operations
 * make, on a database seeded by `npm run seed:scale`: every SQL statement a call runs is
 * captured and explained (SQLite `EXPLAIN QUERY PLAN`; PostgreSQL `EXPLAIN (ANALYZE)`),
 * and the call is timed in process (median of --calls). Any full-table scan is flagged.
 *
 *   npx tsx bench/scale-plans.ts --data DIR
 *   npx tsx bench/scale-plans.ts --db postgres://postgres@127.0.0.1:5432/test --db-schema NAME
 */
import Database from 'better-sqlite3'
import pg from 'pg'
import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import { storeConfigFromArgs } from '../src/cli/db-options.js'
import { openStore, type Store } from '../src/store/index.js'
import { encodeMarker } from '../src/store/paging.js'
import { PgSession } from '../src/store/postgres/session.js'
import { SqliteContext } from '../src/store/sqlite/context.js'
import { scalePolicyArn, scalePolicyName, scaleRoleName, scaleUserName } from '../scripts/seed/scale-data.js'
import { median } from './lib/http-load.js'

const { values: args } = parseArgs({ options: { data: { type: 'string', default: '.warden' }, db: { type: 'string' }, 'db-schema': { type: 'string' }, calls: { type: 'string', default: '25' } } })
const config = storeConfigFromArgs(args, {})
const dataDir = resolve(args.data)

type Captured = { sql: string; params: unknown[] }
let captured: Captured[] = []
function capture(proto: object, methods: string[]): void {
  const p = proto as Record<string, (this: unknown, sql: string, ...params: unknown[]) => unknown>
  for (const m of methods) {
    const original = p[m]!
    p[m] = function (this: unknown, sql: string, ...params: unknown[]) {
      captured.push({ sql, params })
      return original.call(this, sql, ...params)
    }
  }
}
capture(SqliteContext.prototype, ['get', 'all', 'run'])
capture(PgSession.prototype, ['get', 'all', 'run'])

const bindParam = (p: unknown): unknown => (p === undefined ? null : p instanceof Uint8Array && !Buffer.isBuffer(p) ? Buffer.from(p) : p)

async function explain(c: Captured): Promise<{ plan: string; scan: boolean }> {
  if (config.kind === 'sqlite') {
    const db = new Database(resolve(dataDir, 'warden.db'), { readonly: true })
    try {
      const rows = db.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...c.params.map(bindParam)) as { detail: string }[]
      const details = rows.map((r) => r.detail)
      return { plan: details.join('; '), scan: details.some((d) => /^SCAN (?!.*USING (COVERING )?INDEX)/.test(d) && !/SCAN (CONSTANT ROW|\(subquery)/.test(d)) }
    } finally {
      db.close()
    }
  }
  const client = new pg.Client({ connectionString: config.url, ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}) })
  await client.connect()
  try {
    let n = 0
    const text = c.sql.replace(/\?/g, () => `$${++n}`)
    const res = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${text}`, c.params.map(bindParam))
    const lines = res.rows.map((r) => r['QUERY PLAN'])
    const nodes = lines.filter((l) => /(Scan|Join|Limit|Sort|Aggregate|Execution Time|Result|Append|Unique)/.test(l)).map((l) => l.trim().replace(/^->\s*/, ''))
    return { plan: nodes.join('; '), scan: lines.some((l) => /Seq Scan on (iam_roles|iam_users|iam_policies|policy_versions|role_policy_attachments|user_policy_attachments|access_keys)\b/.test(l)) }
  } finally {
    await client.end()
  }
}

const store: Store = await openStore(config, dataDir)
const ACCOUNT = (await store.getAccount())!.id
const someKey = (await store.listAccessKeys(scaleUserName(5000)))[0]?.id ?? 'AKIAMISSING'
const calls: [string, () => Promise<unknown>][] = [
  ['getRole', () => store.getRole(scaleRoleName(50_000))],
  ['getAccessKey', () => store.getAccessKey(someKey)],
  ['getRevision', () => store.getRevision()],
  ['loadPrincipalPolicies role', () => store.loadPrincipalPolicies({ type: 'role', name: scaleRoleName(50_000) })],
  ['loadPrincipalPolicies user', () => store.loadPrincipalPolicies({ type: 'user', name: scaleUserName(5000) })],
  ['getPolicy', () => store.getPolicy(scalePolicyArn(ACCOUNT, 50_000))],
  ['listRoles first page', () => store.listRoles({ maxItems: 100 })],
  ['listRoles deep page', () => store.listRoles({ maxItems: 100, marker: encodeMarker([scaleRoleName(99_800)]) })],
  ['listRoles deep page /scale/', () => store.listRoles({ maxItems: 100, pathPrefix: '/scale/', marker: encodeMarker([scaleRoleName(99_800)]) })],
  ['listPolicies first page', () => store.listPolicies({ maxItems: 100 })],
  ['listPolicies deep page', () => store.listPolicies({ maxItems: 100, marker: encodeMarker([scalePolicyName(99_800)]) })],
  ['listPolicies OnlyAttached', () => store.listPolicies({ maxItems: 100, onlyAttached: true })],
  ['listUsers first page', () => store.listUsers({ maxItems: 100 })],
  ['listUsers deep page', () => store.listUsers({ maxItems: 100, marker: encodeMarker([scaleUserName(9_800)]) })],
  ['listEntitiesForPolicy', () => store.listEntitiesForPolicy(scalePolicyArn(ACCOUNT, 50_000))],
  ['listAttachedPolicies role', () => store.listAttachedPolicies({ type: 'role', name: scaleRoleName(50_000) })],
  ['listAwsPolicyUsage', () => store.listAwsPolicyUsage()]
]

const rounds = Number(args.calls)
for (const [name, call] of calls) {
  captured = []
  await call()
  const statements = captured
  captured = []
  const times: number[] = []
  for (let i = 0; i < rounds; i++) {
    const t = performance.now()
    await call()
    times.push(performance.now() - t)
  }
  console.log(`${name}: median ${median(times).toFixed(3)} ms over ${rounds} calls, ${statements.length} statement(s)`)
  for (const s of statements) {
    const { plan, scan } = await explain(s)
    console.log(`  ${scan ? 'FULL SCAN ' : ''}${plan}`)
  }
}
await store.close()
