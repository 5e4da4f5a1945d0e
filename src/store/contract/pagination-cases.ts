import { describe, expect, it } from 'vitest'
import type { Page, PathPageRequest } from '../types.js'
import { collect, doc, expectStoreError, TRUST, type Harness } from './harness.js'
import type { Store } from '../store.js'

interface Kind {
  label: string
  create: (s: Store, name: string, path: string) => Promise<unknown>
  list: (s: Store, r: PathPageRequest) => Promise<Page<{ name: string }>>
}

const KINDS: Kind[] = [
  { label: 'users', create: (s, name, path) => s.createUser({ name, path }), list: (s, r) => s.listUsers(r) },
  { label: 'groups', create: (s, name, path) => s.createGroup({ name, path }), list: (s, r) => s.listGroups(r) },
  { label: 'roles', create: (s, name, path) => s.createRole({ name, path, assumeRolePolicyDocument: TRUST }), list: (s, r) => s.listRoles(r) },
  { label: 'policies', create: (s, name, path) => s.createPolicy({ name, path, document: doc() }), list: (s, r) => s.listPolicies(r) },
  { label: 'instance profiles', create: (s, name, path) => s.createInstanceProfile({ name, path }), list: (s, r) => s.listInstanceProfiles(r) }
]

/** Keyset pagination and path prefixes of every List call that has them. */
export function paginationCases(h: Harness): void {
  for (const kind of KINDS) {
    describe(`listing ${kind.label}`, () => {
      it('pages in case-insensitive name order without gaps or repeats, also across inserts', async () => {
        const s = h.store()
        const names = ['delta', 'Alpha', 'charlie', 'Bravo', 'echo', 'foxtrot', 'golf']
        for (const n of names) await kind.create(s, n, n < 'd' ? '/team/a/' : '/team/b/')
        const first = await kind.list(s, { maxItems: 3 })
        expect(first.items.map((i) => i.name)).toEqual(['Alpha', 'Bravo', 'charlie'])
        expect(first.isTruncated).toBe(true)
        // An entity created before the marker's position does not shift later pages.
        await kind.create(s, 'aaa', '/')
        const rest = await collect((m) => kind.list(s, { marker: m ?? first.marker, maxItems: 3 }))
        expect(rest.map((i) => i.name)).toEqual(['delta', 'echo', 'foxtrot', 'golf'])
        const all = await kind.list(s, {})
        expect(all.isTruncated).toBe(false)
        expect(all.marker).toBeUndefined()
        expect(all.items).toHaveLength(8)
        const exact = await kind.list(s, { maxItems: 8 })
        expect(exact.isTruncated).toBe(false)
      })

      it('filters by path prefix (case-sensitive)', async () => {
        const s = h.store()
        await kind.create(s, 'a', '/team/a/')
        await kind.create(s, 'b', '/team/b/')
        await kind.create(s, 'c', '/Team/a/')
        await kind.create(s, 'd', '/')
        const names = async (pathPrefix: string, maxItems?: number): Promise<string[]> =>
          (await collect((m) => kind.list(s, { pathPrefix, marker: m, maxItems }))).map((i) => i.name)
        expect(await names('/team/')).toEqual(['a', 'b'])
        expect(await names('/team/', 1)).toEqual(['a', 'b'])
        expect(await names('/team/a/')).toEqual(['a'])
        expect(await names('/')).toEqual(['a', 'b', 'c', 'd'])
        expect(await names('/nothing/')).toEqual([])
      })

      it('rejects bad markers and page sizes', async () => {
        const s = h.store()
        await expectStoreError(kind.list(s, { marker: 'not-a-marker' }), 'InvalidInput')
        await expectStoreError(kind.list(s, { maxItems: 0 }), 'InvalidInput')
        await expectStoreError(kind.list(s, { maxItems: 1001 }), 'InvalidInput')
      })
    })
  }
}
