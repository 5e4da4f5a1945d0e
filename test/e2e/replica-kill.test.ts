/**
 * A replica on PostgreSQL killed with SIGKILL in the middle of writes: every write it
 * acknowledged is there for the replica that carries on, and that replica works.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AttachUserPolicyCommand, CreateUserCommand, IAMClient, ListAttachedUserPoliciesCommand, paginateListUsers } from '@aws-sdk/client-iam'
import { afterAll, expect, it } from 'vitest'
import { TEST_PG_URL, TestSchema } from '../../src/store/postgres/testing/test-database.js'
import { startServerProcess, type ServerProcess } from '../helpers/process.js'

const schema = new TestSchema()
const dirs: string[] = []
const processes: ServerProcess[] = []
afterAll(async () => {
  for (const p of processes) if (p.child.exitCode === null) p.child.kill('SIGKILL')
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
  await schema.drop()
})

const env = {
  WARDEN_ACCOUNT_ID: '123456789012',
  WARDEN_ROOT_ACCESS_KEY_ID: 'AKIAKILLTESTROOT0001',
  WARDEN_ROOT_SECRET_ACCESS_KEY: 'killTestRootSecret00000000000000000000000',
  WARDEN_MASTER_KEY: randomBytes(32).toString('base64')
}
const credentials = { accessKeyId: env.WARDEN_ROOT_ACCESS_KEY_ID, secretAccessKey: env.WARDEN_ROOT_SECRET_ACCESS_KEY }
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess'

async function replica(): Promise<{ p: ServerProcess; iam: IAMClient }> {
  const dir = mkdtempSync(join(tmpdir(), 'warden-kill-'))
  dirs.push(dir)
  const p = await startServerProcess(['--data', dir, '--db', TEST_PG_URL, '--db-schema', schema.name], env)
  processes.push(p)
  return { p, iam: new IAMClient({ endpoint: p.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 }) }
}

it('kill -9 of a replica mid-write loses nothing it acknowledged', async () => {
  const a = await replica()
  const acked: string[] = []
  let stop = false
  // Each write is two calls (create, attach), so a kill can land between them too.
  const writers = Array.from({ length: 4 }, async (_, w) => {
    for (let i = 0; !stop; i++) {
      const name = `u${w}-${i}`
      try {
        await a.iam.send(new CreateUserCommand({ UserName: name }))
        acked.push(name)
        await a.iam.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn: READ_ONLY }))
        acked.push(`${name}+attached`)
      } catch {
        return
      }
    }
  })
  const started = Date.now()
  while (acked.length < 40 && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 20))
  a.p.child.kill('SIGKILL')
  stop = true
  await Promise.all(writers)
  expect(acked.length).toBeGreaterThanOrEqual(40)

  const b = await replica()
  const users = new Set<string>()
  for await (const page of paginateListUsers({ client: b.iam, pageSize: 100 }, {})) for (const u of page.Users ?? []) users.add(u.UserName!)
  for (const name of acked.filter((n) => !n.endsWith('+attached'))) expect(users.has(name), name).toBe(true)
  for (const name of acked.filter((n) => n.endsWith('+attached')).map((n) => n.replace('+attached', ''))) {
    const attached = await b.iam.send(new ListAttachedUserPoliciesCommand({ UserName: name }))
    expect(attached.AttachedPolicies?.map((p) => p.PolicyArn), name).toEqual([READ_ONLY])
  }
  await b.iam.send(new CreateUserCommand({ UserName: 'after-the-kill' }))
  console.log(`acknowledged before SIGKILL: ${acked.length} writes; all present on the surviving replica`)
}, 90_000)
