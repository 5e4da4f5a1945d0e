/**
 * PostgreSQL for tests: the shared server at 127.0.0.1:5432 (trust auth, database `test`;
 * `WARDEN_TEST_PG_URL` overrides), each test file in a schema of its own so parallel test
 * files and other people's runs never see each other's rows. Nothing here skips: when the
 * server is unreachable, opening a store fails and so does the test.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { RESET_ORDER } from '../../rules.js'
import type { Store } from '../../store.js'
import { openPostgresStore, type PostgresStoreOptions } from '../pg-store.js'

export const TEST_PG_URL = process.env.WARDEN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** A fresh schema name, `warden_test_<random>`. */
export function freshSchemaName(): string {
  return `warden_test_${randomBytes(6).toString('hex')}`
}

async function withClient<T>(fn: (c: pg.Client) => Promise<T>, url = TEST_PG_URL): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** Runs one SQL statement in `schema` (test setup and inspection). */
export async function sqlIn<T extends pg.QueryResultRow>(schema: string, sql: string, params: unknown[] = []): Promise<T[]> {
  return withClient(async (c) => {
    await c.query(`SET search_path = "${schema}"`)
    return (await c.query<T>(sql, params)).rows
  })
}

/**
 * A schema for one test file: stores opened on it share it (two stores = two replicas),
 * `empty()` clears every table between tests (much cheaper than a schema per test), and
 * `drop()` removes it at the end.
 */
export class TestSchema {
  readonly name = freshSchemaName()
  readonly url = TEST_PG_URL

  /** Opens a store on this schema (migrating it on first use). */
  open(options: Partial<PostgresStoreOptions> = {}): Promise<Store> {
    return openPostgresStore({ url: this.url, poolSize: 4, ...options, schema: this.name })
  }

  /** Opens a store on this schema after emptying it: what the contract suite's makeStore needs. */
  async openEmpty(options: Partial<PostgresStoreOptions> = {}): Promise<Store> {
    const store = await this.open(options)
    await this.empty()
    return store
  }

  /** Deletes every row but the schema version and the revision counter. */
  async empty(): Promise<void> {
    await sqlIn(this.name, `TRUNCATE ${[...RESET_ORDER, 'account'].join(', ')}`)
  }

  async drop(): Promise<void> {
    await withClient((c) => c.query(`DROP SCHEMA IF EXISTS "${this.name}" CASCADE`))
  }
}
