/**
 * Responses are written together once per event-loop turn: a handler that finishes queues
 * its reply, and the queue is written after the loop has polled for I/O (setImmediate), so
 * the replies to every request that arrived in one poll go out back to back.
 *
 * Why: written one by one, each reply goes out a whole handler's time after the previous
 * one, long enough for the client's thread (or core) to fall asleep in between, and every
 * reply then pays for waking it; on a VM that wake-up (an inter-processor interrupt through
 * the hypervisor) cost more kernel time than the request itself. Written in a burst, the
 * first reply wakes the client and the rest find it running. Measured with wrk on another
 * core (bench/README.md): GetCallerIdentity from about 100 to about 55 us of server CPU per
 * request. Under light load a turn holds one request, and the reply waits only for the
 * check phase of the same turn.
 */
import type { ServerResponse } from 'node:http'

interface Reply {
  res: ServerResponse
  status: number
  headers: Record<string, string | number>
  body: string
}

export class ReplyBatch {
  private queue: Reply[] = []

  /** Queues a reply; it is written at the end of this event-loop turn. */
  send(res: ServerResponse, status: number, headers: Record<string, string | number>, body: string): void {
    this.queue.push({ res, status, headers, body })
    if (this.queue.length === 1) setImmediate(this.flush)
  }

  /** Writes every queued reply now (also called before the server closes its connections). */
  readonly flush = (): void => {
    const batch = this.queue
    this.queue = []
    for (const r of batch) {
      if (r.res.destroyed) continue
      try {
        r.res.writeHead(r.status, r.headers)
        r.res.end(r.body)
      } catch {
        // One reply that cannot be written must not cost the others theirs.
        r.res.destroy()
      }
    }
  }
}
