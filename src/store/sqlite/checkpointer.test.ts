import { mkdtempSync, statSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { Checkpointer } from './checkpointer.js'

const dir = mkdtempSync(join(tmpdir(), 'warden-checkpointer-'))
let n = 0
const open: Database.Database[] = []

function database(): Database.Database {
  const db = new Database(join(dir, `db${++n}.sqlite`))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)')
  open.push(db)
  return db
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10))
  expect(condition()).toBe(true)
}

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close()
})

describe('Checkpointer', () => {
  it('turns off SQLite\'s automatic checkpoints and checkpoints from a worker every `every` commits, keeping the WAL file from growing', async () => {
    const db = database()
    const c = new Checkpointer(db, 8)
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0)
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)')
    const wal = `${db.name}-wal`
    let largest = 0
    for (let round = 0; round < 40; round++) {
      for (let i = 0; i < 8; i++) {
        insert.run('x'.repeat(3000))
        c.committed()
      }
      await until(() => c.completed > round)
      largest = Math.max(largest, statSync(wal).size)
    }
    // 8 commits of ~1 page each between checkpoints, the WAL restarting after each: a few
    // dozen frames at most, never the 320 that 320 commits would leave without checkpoints.
    expect(largest).toBeLessThan(40 * 4120)
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 320 })
    await c.close()
  })

  it('stops its worker on close, so the store\'s own connection closes last and folds the WAL into the database', async () => {
    const db = database()
    const c = new Checkpointer(db, 1)
    db.prepare('INSERT INTO t (body) VALUES (?)').run('a')
    c.committed()
    await until(() => c.completed === 1)
    await c.close()
    c.committed()
    db.close()
    expect(() => statSync(`${db.name}-wal`)).toThrow()
    const again = new Database(db.name, { readonly: true })
    expect(again.prepare('SELECT body FROM t').all()).toEqual([{ body: 'a' }])
    again.close()
  })

  it('hands checkpoints back to SQLite when its worker cannot open the database', async () => {
    const db = database()
    // The worker opens the file by name and must find it: gone, it fails at once.
    unlinkSync(db.name)
    const warnings: string[] = []
    const onWarning = (w: Error) => warnings.push(w.message)
    process.on('warning', onWarning)
    try {
      const c = new Checkpointer(db, 1)
      c.committed()
      await until(() => db.pragma('wal_autocheckpoint', { simple: true }) === 1000)
      await until(() => warnings.some((m) => m === 'WAL checkpoints are back on the main thread: SQLITE_CANTOPEN'))
      await c.close()
    } finally {
      process.off('warning', onWarning)
    }
  })
})
