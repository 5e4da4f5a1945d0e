/**
 * WAL checkpoints mostly off the event loop. SQLite's automatic checkpoint runs inside the
 * COMMIT that crosses 1,000 WAL frames, on the committing thread: with better-sqlite3 that
 * is Node's event loop, stalled ~2.5 ms (copying a few hundred pages into the database file,
 * two fsyncs) about every 135 commits, and every request in flight waits out the stall.
 *
 * Instead the store's connection runs with `wal_autocheckpoint = 0` and, every `every`
 * commits, asks a worker thread with a connection of its own for a PASSIVE checkpoint (it
 * never blocks the writer or readers). When it is done, the store's connection checkpoints
 * the frames committed meanwhile (a few pages, ~0.4 ms): the WAL file restarts from its
 * beginning only when a write begins with every frame copied back, and a checkpointer on
 * another thread alone would keep trailing the writes by a few frames, the file growing
 * without end.
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'

/** The worker: CommonJS run with `eval`, so it needs no TypeScript loader and no file of its own. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.filename, { fileMustExist: true })
db.pragma('synchronous = NORMAL')
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close()
    parentPort.close()
    return
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
    parentPort.postMessage({})
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) })
  }
})
`

export class Checkpointer {
  private worker: Worker | undefined
  private running = false
  private commits = 0
  private disabled = false
  /** Checkpoints finished (worker and catch-up), for tests and diagnostics. */
  completed = 0

  /** `every`: commits between checkpoints (chosen when a CreateRole commit wrote ~7 WAL frames: ~1,000 frames, SQLite's own cadence). */
  constructor(
    private readonly db: Database.Database,
    private readonly every = 128
  ) {
    db.pragma('wal_autocheckpoint = 0')
  }

  /** Called after each commit; every `every` commits one checkpoint starts (never two at once). */
  committed(): void {
    if (this.disabled || ++this.commits < this.every || this.running) return
    this.commits = 0
    this.running = true
    this.start().postMessage('checkpoint')
  }

  /** Stops the worker, its connection closed first, so the store's close is the last and checkpoints the WAL away. */
  async close(): Promise<void> {
    this.disabled = true
    const worker = this.worker
    this.worker = undefined
    if (!worker) return
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
    worker.postMessage('close')
    await exited
  }

  private start(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), filename: this.db.name }
    })
    worker.unref()
    worker.on('message', (reply: { error?: string }) => this.done(reply))
    // A driver error arrives from the worker as a plain object, often with its code alone.
    worker.on('error', (err: { message?: string; code?: string }) => this.fallBack(err.message ?? err.code ?? String(err)))
    this.worker = worker
    return worker
  }

  private done(reply: { error?: string }): void {
    this.running = false
    if (reply.error !== undefined) return this.fallBack(reply.error)
    // The frames committed while the worker ran: copied here, so the next write restarts the WAL.
    // Inside an open transaction() SQLite would refuse; the next checkpoint catches up instead.
    try {
      if (this.db.open && !this.db.inTransaction) this.db.pragma('wal_checkpoint(PASSIVE)')
    } catch (err) {
      return this.fallBack((err as Error).message)
    }
    this.completed++
  }

  /** The worker failed: SQLite's own automatic checkpoints take over again. */
  private fallBack(message: string): void {
    if (this.disabled) return
    this.disabled = true
    this.running = false
    if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000')
    process.emitWarning(`WAL checkpoints are back on the main thread: ${message}`)
    void this.worker?.terminate()
    this.worker = undefined
  }
}
