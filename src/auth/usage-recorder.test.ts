import { describe, expect, it } from 'vitest'
import type { ServiceAccessEntry, Store } from '../store/index.js'
import { USAGE_INTERVAL_MS, UsageRecorder } from './usage-recorder.js'

function fakeStore() {
  const keys: string[] = []
  const access: ServiceAccessEntry[] = []
  const store = {
    recordAccessKeyUsed: async (id: string, _at: Date, service: string, region: string) => void keys.push(`${id} ${service} ${region}`),
    recordRoleUsed: async () => undefined,
    recordServiceAccess: async (entries: ServiceAccessEntry[]) => void access.push(...entries)
  } as unknown as Store
  return { store, keys, access }
}

const at = (ms: number) => new Date(Date.UTC(2026, 10, 30) + ms)

describe('UsageRecorder', () => {
  it('writes a key once per interval, and again at once when the service or region changes', async () => {
    const { store, keys } = fakeStore()
    const r = new UsageRecorder(store)
    r.accessKeyUsed('AKIA1', at(0), 'iam', 'us-east-1')
    r.accessKeyUsed('AKIA1', at(1000), 'iam', 'us-east-1')
    r.accessKeyUsed('AKIA1', at(2000), 'sts', 'us-east-1')
    r.accessKeyUsed('AKIA1', at(3000), 'sts', 'eu-west-1')
    r.accessKeyUsed('AKIA1', at(4000), 'sts', 'eu-west-1')
    r.accessKeyUsed('AKIA1', at(3000 + USAGE_INTERVAL_MS), 'sts', 'eu-west-1')
    await r.drain()
    expect(keys).toEqual(['AKIA1 iam us-east-1', 'AKIA1 sts us-east-1', 'AKIA1 sts eu-west-1', 'AKIA1 sts eu-west-1'])
  })

  it('records each (entity, action) once per interval, batched after the turn, and stays bounded', async () => {
    const { store, access } = fakeStore()
    const r = new UsageRecorder(store, () => {}, 3)
    const user = { id: 'AIDA1', arn: 'arn:aws:iam::123456789012:user/u' }
    const role = { id: 'AROA1', arn: 'arn:aws:iam::123456789012:role/r' }
    r.serviceUsed(user, 'iam:GetRole', at(0), 'us-east-1')
    r.serviceUsed(user, 'iam:GetRole', at(10), 'us-east-1')
    r.serviceUsed(user, 'sts:GetCallerIdentity', at(20), 'us-east-1')
    r.serviceUsed(role, 'iam:GetRole', at(30), 'us-east-1')
    expect(access).toEqual([])
    await r.drain()
    expect(access.map((e) => `${e.entityId} ${e.namespace}:${e.action}`)).toEqual(['AIDA1 iam:GetRole', 'AIDA1 sts:GetCallerIdentity', 'AROA1 iam:GetRole'])
    // A fourth entry passes the bound of 3: everything is forgotten, so a repeat is written again (once).
    r.serviceUsed(role, 'iam:ListRoles', at(40), 'us-east-1')
    r.serviceUsed(user, 'iam:GetRole', at(50), 'us-east-1')
    r.serviceUsed(user, 'iam:GetRole', at(60), 'us-east-1')
    await r.drain()
    expect(access.slice(3).map((e) => `${e.entityId} ${e.namespace}:${e.action}`)).toEqual(['AROA1 iam:ListRoles', 'AIDA1 iam:GetRole'])
  })
})
