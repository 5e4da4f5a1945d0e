/**
 * PostgreSQL going away under load, through a TCP proxy this test controls (the shared
 * PostgreSQL server is never restarted): requests fail cleanly with 503
 * ServiceUnavailable, never hang and never answer 500, and succeed again once the
 * database is back, without restarting Warden.
 */
import { CreateRoleCommand, GetRoleCommand } from '@aws-sdk/client-iam'
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_PG_URL } from '../../src/store/postgres/testing/test-database.js'
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js'
import { createUserWithKeys, startWarden, type Credentials, type RunningWarden } from '../helpers/warden.js'

const STATEMENT_TIMEOUT_MS = 1000
const CONNECT_TIMEOUT_MS = 1000
// The longest a request may take while the database is away: a connect timeout, then a
// query read timeout (statement timeout + 2 s), plus slack for this shared machine.
const MAX_REQUEST_MS = 6000

let proxy: TcpProxy
let w: RunningWarden
let user: Credentials
let roleArn: string

beforeAll(async () => {
  const target = new URL(TEST_PG_URL)
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) })
  const url = new URL(TEST_PG_URL)
  url.host = `127.0.0.1:${proxy.port}`
  w = await startWarden({
    db: 'postgres',
    postgres: { url: url.toString(), statementTimeoutMs: STATEMENT_TIMEOUT_MS, connectTimeoutMs: CONNECT_TIMEOUT_MS, poolSize: 4 }
  })
  const created = await createUserWithKeys(w, 'loader', {
    inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:GetRole', 'iam:CreateRole', 'sts:AssumeRole'], Resource: '*' }] }
  })
  user = created.credentials
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: created.arn }, Action: 'sts:AssumeRole' }] })
  roleArn = (await w.iam().send(new CreateRoleCommand({ RoleName: 'target', AssumeRolePolicyDocument: trust }))).Role!.Arn!
}, 60_000)
afterAll(async () => {
  proxy?.restore()
  await w?.stop()
  await proxy?.close()
})

interface Outcome { phase: string; op: string; status: number; code: string; ms: number; message: string }

let seq = 0
const trustDoc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] })
const ops: Record<string, () => Promise<unknown>> = {
  GetRole: () => w.iam(user).send(new GetRoleCommand({ RoleName: 'target' })),
  CreateRole: () => w.iam(user).send(new CreateRoleCommand({ RoleName: `load-${seq++}`, AssumeRolePolicyDocument: trustDoc })),
  AssumeRole: () => w.sts(user).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'load' }))
}

async function call(op: string, phase: string): Promise<Outcome> {
  const started = performance.now()
  try {
    await ops[op]!()
    return { phase, op, status: 200, code: '', ms: performance.now() - started, message: '' }
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } }
    return { phase, op, status: err.$metadata?.httpStatusCode ?? 0, code: err.name.replace(/Exception$/, ''), ms: performance.now() - started, message: err.message }
  }
}

/** Workers calling every operation in turn until `until()` says stop; `phase()` labels each outcome. */
async function load(workers: number, phase: () => string, until: () => boolean): Promise<Outcome[]> {
  const out: Outcome[] = []
  const names = Object.keys(ops)
  await Promise.all(Array.from({ length: workers }, async (_, i) => {
    for (let n = i; !until(); n++) out.push(await call(names[n % names.length]!, phase()))
  }))
  return out
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function expectCleanFailures(outcomes: Outcome[]): void {
  for (const o of outcomes) {
    expect([200, 503], `${o.op} in phase ${o.phase}: ${o.status} ${o.code} ${o.message}`).toContain(o.status)
    if (o.status === 503) {
      expect(o.code).toBe('ServiceUnavailable')
      expect(o.message).not.toMatch(/\bat \w+ \(|node_modules|ECONN/)
    }
    expect(o.ms, `${o.op} took ${Math.round(o.ms)} ms`).toBeLessThan(MAX_REQUEST_MS)
  }
  expect(w.logs.filter((l) => l.includes('"level":"error"'))).toEqual([])
}

function summary(outcomes: Outcome[]): Record<string, string> {
  const by: Record<string, Record<string, number>> = {}
  for (const o of outcomes) {
    const k = `${o.phase}`
    by[k] ??= {}
    by[k][`${o.op} ${o.status}`] = (by[k][`${o.op} ${o.status}`] ?? 0) + 1
  }
  return Object.fromEntries(Object.entries(by).map(([k, v]) => [k, JSON.stringify(v)]))
}

describe('PostgreSQL faults', () => {
  it('the database dropping every connection under load: 503s, no hang, no 500; back without a restart', async () => {
    let phase = 'before'
    let stop = false
    const running = load(6, () => phase, () => stop)
    await sleep(700)
    proxy.cut()
    phase = 'down'
    // Longer than the 1 s revision cache, so cached answers run out and every path meets the outage.
    await sleep(1500)
    // What needs no database keeps working: root's identity (its keys are in memory).
    expect((await w.sts().send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${w.accountId}:root`)
    // The health check says the database is gone, for a load balancer to route around.
    const health = await fetch(`${w.endpoint}/health`)
    expect([health.status, await health.json()]).toEqual([503, { status: 'unavailable', accountId: w.accountId, database: 'unreachable' }])
    await sleep(1000)
    proxy.restore()
    phase = 'back'
    await sleep(2500)
    expect((await fetch(`${w.endpoint}/health`)).status).toBe(200)
    stop = true
    const outcomes = await running
    console.log('outcomes by phase:', summary(outcomes))
    expectCleanFailures(outcomes)
    const down = outcomes.filter((o) => o.phase === 'down')
    expect(down.filter((o) => o.status === 503).length).toBeGreaterThan(0)
    expect(down.filter((o) => o.op === 'CreateRole' && o.status === 200).length).toBeLessThanOrEqual(6)
    // Once back, every operation succeeds again (the tail of the run, after reconnecting).
    const back = outcomes.filter((o) => o.phase === 'back')
    const tail = back.slice(-Math.min(12, back.length))
    expect(tail.length).toBeGreaterThan(0)
    expect(tail.map((o) => `${o.op} ${o.status}`)).toEqual(tail.map((o) => `${o.op} 200`))
    expect((await w.iam().send(new GetRoleCommand({ RoleName: 'target' }))).Role?.Arn).toBe(roleArn)
  }, 60_000)

  it('a database that stops answering (connections hang): 503 within the timeouts, then back', async () => {
    proxy.blackhole()
    try {
      const outcomes = await Promise.all([call('CreateRole', 'hung'), call('GetRole', 'hung'), call('CreateRole', 'hung')])
      console.log('while hung:', summary(outcomes))
      expectCleanFailures(outcomes)
      expect(outcomes.filter((o) => o.op === 'CreateRole').map((o) => o.status)).toEqual([503, 503])
    } finally {
      proxy.restore()
    }
    const again = await call('CreateRole', 'back')
    expect(again.status).toBe(200)
  }, 60_000)
})
