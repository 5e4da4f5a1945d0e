import { fdatasync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { GroupCommit } from './group-commit.js'

const dir = mkdtempSync(join(tmpdir(), 'warden-group-commit-'))
const realSync = (fd: number) => new Promise<void>((resolve, reject) => fdatasync(fd, (e) => (e ? reject(e) : resolve())))

/** A GroupCommit over a fresh WAL file `<name>.db-wal`, counting the fdatasyncs it makes. */
function countingCommit(name: string): { c: GroupCommit; syncs: () => number } {
  const wal = join(dir, `${name}.db-wal`)
  writeFileSync(wal, 'frames')
  let n = 0
  const c = new GroupCommit(wal, (fd) => {
    n++
    return realSync(fd)
  })
  return { c, syncs: () => n }
}

describe('GroupCommit', () => {
  it('resolves without syncing while there is no WAL file', async () => {
    const c = new GroupCommit(join(dir, 'missing.db-wal'))
    await expect(c.sync()).resolves.toBeUndefined()
    c.close()
  })

  it('makes concurrent writers share fsyncs, each waiting for one that started after its call', async () => {
    const wal = join(dir, 'a.db-wal')
    writeFileSync(wal, 'frames')
    const starts: number[] = []
    let clock = 0
    const c = new GroupCommit(wal, (fd) => {
      starts.push(++clock)
      return realSync(fd)
    })
    // Each caller records the clock at its call; the sync that covers it must start later.
    const calls = Array.from({ length: 50 }, () => {
      const at = clock
      return c.sync().then(() => at)
    })
    const covered = await Promise.all(calls)
    expect(starts.length).toBeGreaterThanOrEqual(1)
    expect(starts.length).toBeLessThanOrEqual(2)
    for (const at of covered) expect(starts.some((s) => s > at)).toBe(true)
    c.close()
  })

  it('gives the commits of one event-loop turn one fdatasync, and a commit made during a sync the next one', async () => {
    const { c, syncs } = countingCommit('c')
    await Promise.all(Array.from({ length: 20 }, () => c.sync()))
    expect(syncs()).toBe(1)
    // One sync under way; commits made meanwhile wait for the one after it, together.
    const first = c.sync()
    await new Promise((r) => setImmediate(r))
    const during = Array.from({ length: 5 }, () => c.sync())
    await Promise.all([first, ...during])
    expect(syncs()).toBe(3)
    c.close()
  })

  it('starts a sync at once when asked to and none is under way, and otherwise shares the next one', async () => {
    const { c, syncs } = countingCommit('d')
    await c.sync()
    expect(syncs()).toBe(1)
    const first = c.sync(true)
    // Started before the call returned, not at the end of the turn.
    expect(syncs()).toBe(2)
    // One is under way: these wait for the next, together, as sync() without `now` does.
    const later = [c.sync(true), c.sync(), c.sync(true)]
    expect(syncs()).toBe(2)
    await Promise.all([first, ...later])
    expect(syncs()).toBe(3)
    c.close()
  })

  it('rejects when the sync fails and recovers on the next call', async () => {
    const wal = join(dir, 'b.db-wal')
    writeFileSync(wal, 'frames')
    let fail = false
    const c = new GroupCommit(wal, (fd) => (fail ? Promise.reject(new Error('EIO: i/o error')) : realSync(fd)))
    await c.sync()
    fail = true
    await expect(c.sync()).rejects.toThrow(/EIO/)
    fail = false
    await expect(c.sync()).resolves.toBeUndefined()
    c.close()
  })
})
