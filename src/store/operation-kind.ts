/**
 * Which Store operations only read: by name, as the interface names them (get*, list*,
 * load*). Both dialects use it to pick a read transaction (SQLite DEFERRED, PostgreSQL
 * REPEATABLE READ READ ONLY) and SQLite to skip waiting for group commit. Memoized: it is
 * asked on every store call.
 */
const READ_PREFIXES = ['get', 'list', 'load']
const known = new Map<string, boolean>()

export function isReadOperation(name: string): boolean {
  let read = known.get(name)
  if (read === undefined) known.set(name, (read = READ_PREFIXES.some((p) => name.startsWith(p))))
  return read
}
