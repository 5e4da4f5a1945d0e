/**
 * The store revision as the request path sees it. Reading it is a database round trip, so
 * the pipeline keeps the last value and re-reads only after a request that may have changed
 * permissions (any IAM call but Get*, List*, Simulate*), after a reset, or when the value is older
 * than `maxAgeMs` (a bound for writers outside this process). A read that raced with an
 * invalidation is never kept, so a change is seen by every request that starts after the
 * changing request has answered.
 */
import { createLruCache, type LruCache } from '../eval/index.js'
import type { Store } from '../store/index.js'

export class RevisionTracker {
  private value: number | undefined
  private readAt = 0
  private generation = 0

  constructor(
    private readonly store: Store,
    private readonly maxAgeMs = 1000
  ) {}

  /** The current revision (cached). */
  async current(): Promise<number> {
    const now = performance.now()
    if (this.value !== undefined && now - this.readAt < this.maxAgeMs) return this.value
    const generation = this.generation
    const value = await this.store.getRevision()
    if (generation === this.generation) {
      this.value = value
      this.readAt = now
    }
    return value
  }

  /** Forgets the cached value: the next request reads the store again. */
  invalidate(): void {
    this.generation++
    this.value = undefined
  }
}

/** True for operations that cannot change what any principal may do. */
export function isReadOnlyOperation(service: 'iam' | 'sts', operation: string): boolean {
  // STS writes only last-used bookkeeping, which does not move the revision.
  return service === 'sts' || operation.startsWith('Get') || operation.startsWith('List') || operation.startsWith('Simulate')
}

/**
 * The store as the request path uses it: every method of `store`, bound to it, with
 * getRevision served by the tracker. A plain object made once, not a Proxy: a Proxy's get
 * trap ran on every store call of every request and kept V8 from caching the lookups.
 */
export function withTrackedRevision(store: Store, tracker: RevisionTracker): Store {
  const tracked: Record<PropertyKey, unknown> = {}
  // Own methods and those of its prototypes (a class-based store), nearest first.
  for (let o: object | null = store; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const key of Reflect.ownKeys(o)) {
      if (key === 'constructor' || Object.hasOwn(tracked, key)) continue
      const value: unknown = Reflect.get(store, key, store)
      if (typeof value === 'function') tracked[key] = (value as (...a: unknown[]) => unknown).bind(store)
    }
  }
  tracked.getRevision = () => tracker.current()
  return tracked as unknown as Store
}

/**
 * A bounded cache of values read from a store, each good while the store's revision is the
 * one it was read at; one cache per store. Absence is never cached: creating an entity does
 * not move the revision (Store.getRevision).
 */
export function perRevisionCache<V>(maxEntries: number): (store: Store, key: string, load: () => Promise<V | undefined>) => Promise<V | undefined> {
  const caches = new WeakMap<Store, LruCache<string, { revision: number; value: V }>>()
  return async (store, key, load) => {
    let cache = caches.get(store)
    if (!cache) caches.set(store, (cache = createLruCache(maxEntries)))
    const revision = await store.getRevision()
    const hit = cache.get(key)
    if (hit && hit.revision === revision) return hit.value
    const value = await load()
    if (value !== undefined) cache.set(key, { revision, value })
    return value
  }
}
