/**
 * A small bounded LRU cache (Map insertion order gives recency), for the server to keep
 * compiled policy sets per principal. A hit moves its entry to the recent end only once the
 * cache is three-quarters full: before that nothing can be evicted, so order does not matter
 * yet, and the move (a Map delete and re-insert, which leaves a tombstone the Map later
 * rehashes away) was a measurable part of a cached request.
 */

export interface LruCache<K, V> {
  get(key: K): V | undefined
  set(key: K, value: V): void
  delete(key: K): boolean
  clear(): void
  readonly size: number
}

/** Creates an LRU cache holding at most `maxEntries` entries (at least 1). */
export function createLruCache<K, V>(maxEntries: number): LruCache<K, V> {
  const max = Math.max(1, Math.floor(maxEntries))
  const reorderFrom = Math.floor((max * 3) / 4)
  const map = new Map<K, V>()
  return {
    get(key) {
      const v = map.get(key)
      if (v === undefined || map.size < reorderFrom) return v
      map.delete(key)
      map.set(key, v)
      return v
    },
    set(key, value) {
      if (map.has(key)) map.delete(key)
      else if (map.size >= max) {
        const oldest = map.keys().next()
        if (!oldest.done) map.delete(oldest.value)
      }
      map.set(key, value)
    },
    delete: (key) => map.delete(key),
    clear: () => map.clear(),
    get size() {
      return map.size
    }
  }
}
