import { afterEach, describe, expect, it } from 'vitest'
import { generateSnapshot, withoutAwsManagedContent } from '../../test/helpers/snapshot-generator.js'
import { openSqliteStore, type Store } from '../store/index.js'
import { applySnapshot, exportSnapshot, SnapshotError, validateSnapshot, type SnapshotDocument } from './index.js'
import type { Json } from './reader.js'

const ACCOUNT = '210987654321'
const stores: Store[] = []
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close()
})

async function freshStore(account = ACCOUNT): Promise<Store> {
  const store = await openSqliteStore({ filename: ':memory:' })
  await store.initAccount(account)
  stores.push(store)
  return store
}

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T
type Obj = Record<string, unknown>


async function importInto(store: Store, value: unknown): Promise<void> {
  await applySnapshot(store, await validateSnapshot(value as Json))
}

async function problemsOf(value: unknown): Promise<{ path: string; message: string }[]> {
  try {
    await validateSnapshot(value as Json)
  } catch (e) {
    if (e instanceof SnapshotError) return e.problems
    throw e
  }
  return []
}

describe('snapshot import and export', () => {
  it('imports a generated account and exports it identically (AWS managed entries from the catalog, counts kept)', async () => {
    const file = generateSnapshot({ roles: 60, seed: 7 })
    const a = await freshStore()
    await importInto(a, file)
    const exported = await exportSnapshot(a)
    expect(withoutAwsManagedContent(exported as unknown as SnapshotDocument & Obj)).toEqual(withoutAwsManagedContent(file as unknown as SnapshotDocument & Obj))
    // Importing the export gives the same account again, byte for byte in export form.
    const b = await freshStore()
    await importInto(b, exported)
    expect(await exportSnapshot(b)).toEqual(exported)
    const role = (file.RoleDetailList as Obj[]).find((r) => (r.InstanceProfileList as unknown[]).length > 0)!
    const stored = await b.getRole(role.RoleName as string)
    expect(stored?.id).toBe(role.RoleId)
    expect(stored?.createDate.toISOString().replace('.000Z', 'Z')).toBe(role.CreateDate)
  })

  it('reads documents in the SDK form too (URL-encoded strings)', async () => {
    const file = generateSnapshot({ roles: 12, seed: 3 })
    const sdkForm = copy(file) as Obj
    const encode = (holder: Obj, key: string): void => {
      holder[key] = encodeURIComponent(JSON.stringify(holder[key]))
    }
    for (const r of sdkForm.RoleDetailList as Obj[]) {
      encode(r, 'AssumeRolePolicyDocument')
      for (const p of r.RolePolicyList as Obj[]) encode(p, 'PolicyDocument')
      for (const ip of r.InstanceProfileList as Obj[]) for (const nested of ip.Roles as Obj[]) encode(nested, 'AssumeRolePolicyDocument')
    }
    for (const p of sdkForm.Policies as Obj[]) for (const v of p.PolicyVersionList as Obj[]) encode(v, 'Document')
    const a = await freshStore()
    await importInto(a, sdkForm)
    expect(withoutAwsManagedContent(await exportSnapshot(a) as unknown as SnapshotDocument & Obj)).toEqual(withoutAwsManagedContent(file as unknown as SnapshotDocument & Obj))
  })

  it('imports an empty account file and exports empty lists', async () => {
    const a = await freshStore()
    await importInto(a, { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] })
    expect(await exportSnapshot(a)).toEqual({ UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] })
  })
})

/** Mutations of a valid file, each with the JSON path and message it must be refused with. */
const BROKEN: { name: string; mutate: (f: Obj) => void; path: string; message: RegExp }[] = [
  { name: 'not an object', mutate: (f) => { for (const k of Object.keys(f)) delete f[k]; f.hello = 1 }, path: '$', message: /not the output of get-account-authorization-details/ },
  { name: 'a truncated page', mutate: (f) => { f.IsTruncated = true; f.Marker = 'abc' }, path: '$.IsTruncated', message: /one page of a truncated listing/ },
  { name: 'a list of the wrong type', mutate: (f) => { f.RoleDetailList = {} }, path: '$.RoleDetailList', message: /expected an array/ },
  { name: 'a role without a name', mutate: (f) => { delete role(f).RoleName }, path: '$.RoleDetailList[0].RoleName', message: /expected a string, found nothing/ },
  { name: 'a bad role name', mutate: (f) => { role(f).RoleName = 'has space' }, path: '$.RoleDetailList[0].RoleName', message: /does not match IAM's pattern/ },
  { name: 'an ARN that does not match', mutate: (f) => { role(f).Arn = `arn:aws:iam::${ACCOUNT}:role/elsewhere` }, path: '$.RoleDetailList[0].Arn', message: /does not match the role's path and name/ },
  { name: 'two accounts', mutate: (f) => { const r = role(f); r.Arn = String(r.Arn).replace(ACCOUNT, '999999999999') }, path: '$.RoleDetailList[0].Arn', message: /is in account 999999999999/ },
  { name: 'a bad date', mutate: (f) => { role(f).CreateDate = 'yesterday' }, path: '$.RoleDetailList[0].CreateDate', message: /ISO 8601/ },
  { name: 'a malformed trust policy', mutate: (f) => { role(f).AssumeRolePolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] } }, path: '$.RoleDetailList[0].AssumeRolePolicyDocument', message: /MalformedPolicyDocument: .*[Pp]rincipal/ },
  { name: 'a malformed inline policy', mutate: (f) => { (user(f).UserPolicyList as Obj[]).push({ PolicyName: 'x', PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}' }) }, path: '$.UserDetailList[0].UserPolicyList[0].PolicyDocument', message: /Policy statement must contain actions/ },
  { name: 'a duplicate role name', mutate: (f) => { (f.RoleDetailList as Obj[]).push({ ...copy(role(f)), RoleId: 'AROAAAAAAAAAAAAAAAAAA' }) }, path: '$.RoleDetailList[12]', message: /role name .* is used twice/ },
  { name: 'a missing group', mutate: (f) => { user(f).GroupList = ['no-such-group'] }, path: '$.UserDetailList[0].GroupList[0]', message: /not in the file's GroupDetailList/ },
  { name: 'a missing customer policy', mutate: (f) => { (role(f).AttachedManagedPolicies as Obj[]).push({ PolicyName: 'gone', PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/gone` }) }, path: '$.RoleDetailList[0].AttachedManagedPolicies', message: /is not among the file's Policies/ },
  { name: 'an AWS managed policy Warden does not know', mutate: (f) => { (role(f).AttachedManagedPolicies as Obj[]).push({ PolicyName: 'NotAPolicy', PolicyArn: 'arn:aws:iam::aws:policy/NotAPolicy' }) }, path: '$.RoleDetailList[0].AttachedManagedPolicies', message: /not in Warden's catalog/ },
  { name: 'a count that does not add up (a filtered listing)', mutate: (f) => { f.UserDetailList = [] }, path: '$.Policies', message: /entities are missing/ },
  { name: 'two default versions', mutate: (f) => { for (const v of policy(f).PolicyVersionList as Obj[]) v.IsDefaultVersion = true }, path: '$.Policies[0]', message: /exactly one version with IsDefaultVersion true/ },
  { name: 'a default version id that disagrees', mutate: (f) => { policy(f).DefaultVersionId = 'v9' }, path: '$.Policies[0]', message: /DefaultVersionId is v9/ },
  { name: 'duplicate tag keys', mutate: (f) => { role(f).Tags = [{ Key: 'team', Value: 'a' }, { Key: 'Team', Value: 'b' }] }, path: '$.RoleDetailList[0].Tags', message: /appears twice/ },
  { name: 'too many attached policies', mutate: (f) => { role(f).AttachedManagedPolicies = Array.from({ length: 11 }, (_, i) => ({ PolicyName: `p${i}`, PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/p${i}` })) }, path: '$.RoleDetailList[0]', message: /quota is 10/ },
  { name: 'a profile holding another role', mutate: (f) => { const r = (f.RoleDetailList as Obj[]).find((x) => (x.InstanceProfileList as unknown[]).length > 0)!; ((r.InstanceProfileList as Obj[])[0]!.Roles as Obj[])[0]!.RoleName = 'someone-else' }, path: 'InstanceProfileList[0].Roles[0].RoleName', message: /holds role someone-else/ }
]

function role(f: Obj): Obj {
  return (f.RoleDetailList as Obj[])[0]!
}
function user(f: Obj): Obj {
  const u = (f.UserDetailList as Obj[])[0]!
  u.UserPolicyList = []
  return u
}
/** The first customer managed policy, given a second, non-default version if it has only one. */
function policy(f: Obj): Obj {
  const p = (f.Policies as Obj[])[0]!
  const versions = p.PolicyVersionList as Obj[]
  if (versions.length === 1) versions.unshift({ ...copy(versions[0]!), VersionId: 'v7', IsDefaultVersion: false })
  return p
}

describe('refused snapshot files', () => {
  const valid = generateSnapshot({ roles: 12, seed: 11 })

  it.each(BROKEN)('refuses $name, naming the JSON path', async ({ mutate, path, message }) => {
    const file = copy(valid) as Obj
    mutate(file)
    const problems = await problemsOf(file)
    const hit = problems.find((p) => p.path.includes(path) && message.test(p.message))
    expect(hit, JSON.stringify(problems, null, 1)).toBeDefined()
  })

  it('refuses non-JSON text with its position', async () => {
    const { parseSnapshotText } = await import('./index.js')
    expect(() => parseSnapshotText('{"UserDetailList": [')).toThrow(/\$: not valid JSON/)
  })

  it('a failure while writing (aggregate inline size) rolls everything back', async () => {
    const file = copy(valid) as Obj
    const big = (n: number) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${'b'.repeat(n)}/*` }] })
    const u = user(file)
    u.UserPolicyList = [{ PolicyName: 'a', PolicyDocument: big(1200) }, { PolicyName: 'b', PolicyDocument: big(1200) }]
    const store = await freshStore()
    const snapshot = await validateSnapshot(file as Json)
    const err = await applySnapshot(store, snapshot).then(() => undefined, (e: unknown) => e)
    expect(err).toBeInstanceOf(SnapshotError)
    expect((err as SnapshotError).problems).toEqual([{ path: '$.UserDetailList[0].UserPolicyList[1]', message: `Maximum policy size of 2048 bytes exceeded for user ${String(u.UserName)}` }])
    for (const list of [store.listUsers(), store.listRoles(), store.listPolicies(), store.listGroups(), store.listInstanceProfiles()]) {
      expect((await list).items).toEqual([])
    }
  })

  it('refuses an account that is not empty, or another account, and changes nothing', async () => {
    const snapshot = await validateSnapshot(copy(valid) as Json)
    const other = await freshStore('123456789012')
    await expect(applySnapshot(other, snapshot)).rejects.toThrow(/the file is account 210987654321's, the data directory holds account 123456789012/)
    const busy = await freshStore()
    await busy.createUser({ name: 'already-here' })
    await expect(applySnapshot(busy, snapshot)).rejects.toThrow(/already holds users/)
    expect((await busy.listUsers()).items.map((u) => u.name)).toEqual(['already-here'])
    expect((await busy.listRoles()).items).toEqual([])
  })
})
