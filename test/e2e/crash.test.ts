/**
 * kill -9 during a write load, then restart on the same data dir: every write the server
 * acknowledged (HTTP 200) is there, and the database is consistent.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import {
  AttachRolePolicyCommand, CreatePolicyCommand, CreateRoleCommand, GetRoleCommand, IAMClient,
  ListAttachedRolePoliciesCommand, ListRolesCommand, type Role
} from '@aws-sdk/client-iam'
import { afterEach, describe, expect, it } from 'vitest'
import { startServerProcess, type ServerProcess } from '../helpers/process.js'
import { TEST_ACCOUNT_ID, TEST_ROOT } from '../helpers/warden.js'

const env = { WARDEN_ACCOUNT_ID: TEST_ACCOUNT_ID, WARDEN_ROOT_ACCESS_KEY_ID: TEST_ROOT.accessKeyId, WARDEN_ROOT_SECRET_ACCESS_KEY: TEST_ROOT.secretAccessKey }
const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] })
const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }] })
const servers: ServerProcess[] = []

afterEach(() => {
  for (const s of servers.splice(0)) s.child.kill('SIGKILL')
})

// No retries: a retried call could be acknowledged for a write the first attempt made.
const clientFor = (endpoint: string) => new IAMClient({ endpoint, region: 'us-east-1', credentials: TEST_ROOT, maxAttempts: 1 })

async function allRoles(iam: IAMClient): Promise<Role[]> {
  const out: Role[] = []
  let marker: string | undefined
  do {
    const page = await iam.send(new ListRolesCommand({ Marker: marker, MaxItems: 1000 }))
    out.push(...(page.Roles ?? []))
    marker = page.IsTruncated ? page.Marker : undefined
  } while (marker)
  return out
}

describe('warden serve killed with SIGKILL under write load', () => {
  it('keeps every acknowledged write and a consistent database', async () => {
    const data = mkdtempSync(join(tmpdir(), 'warden-crash-'))
    const first = await startServerProcess(['--data', data], env)
    servers.push(first)
    const iam = clientFor(first.endpoint)
    const policyArn = (await iam.send(new CreatePolicyCommand({ PolicyName: 'data-read', PolicyDocument: policy }))).Policy!.Arn!

    // 8 writers: CreateRole, then AttachRolePolicy on it, as fast as the server answers.
    const acknowledged = { roles: new Set<string>(), attached: new Set<string>() }
    let stop = false
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const name = `crash-${w}-${i}`
        try {
          await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }))
          acknowledged.roles.add(name)
          await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: policyArn }))
          acknowledged.attached.add(name)
        } catch {
          return // the server is gone
        }
      }
    }
    const writers = Array.from({ length: 8 }, (_, w) => writer(w))
    // Kill once a fair number of writes were acknowledged (at most ~10 s on a slow machine).
    for (let waited = 0; acknowledged.attached.size < 150 && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20))
    first.child.kill('SIGKILL')
    stop = true
    await Promise.all(writers)
    await new Promise((r) => first.child.once('exit', r))
    expect(acknowledged.attached.size).toBeGreaterThan(20)

    // The file opens, recovers its WAL, and is consistent.
    const db = new Database(join(data, 'warden.db'))
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.pragma('foreign_key_check')).toEqual([])
    db.close()

    const second = await startServerProcess(['--data', data], env)
    servers.push(second)
    const iam2 = clientFor(second.endpoint)
    const names = new Set((await allRoles(iam2)).map((r) => r.RoleName!))
    const lost = [...acknowledged.roles].filter((n) => !names.has(n))
    expect(lost).toEqual([])
    // Spot-check attachments of acknowledged AttachRolePolicy calls (all of them is slow on a loaded machine).
    const sample = [...acknowledged.attached].filter((_, i) => i % 10 === 0)
    for (const name of sample) {
      const attached = await iam2.send(new ListAttachedRolePoliciesCommand({ RoleName: name }))
      expect(attached.AttachedPolicies?.map((p) => p.PolicyArn), name).toEqual([policyArn])
    }
    // A role whose creation was acknowledged reads back whole.
    const one = [...acknowledged.roles][0]!
    const role = (await iam2.send(new GetRoleCommand({ RoleName: one }))).Role!
    expect(decodeURIComponent(role.AssumeRolePolicyDocument!)).toBe(trust)
  }, 180_000)
})
