/**
 * The request log's writer: lines are gathered and written to stderr once per event-loop
 * turn, so a busy server makes one write syscall per batch instead of one per request.
 */

/** A line sink that batches writes to `stream` (default stderr); `flush` writes what is pending now. */
export function createLogWriter(stream: NodeJS.WritableStream = process.stderr): { log: (line: string) => void; flush: () => void } {
  let pending: string[] = []
  let scheduled = false
  const flush = () => {
    scheduled = false
    if (pending.length === 0) return
    const text = pending.join('\n') + '\n'
    pending = []
    stream.write(text)
  }
  return {
    log(line) {
      pending.push(line)
      if (!scheduled) {
        scheduled = true
        setImmediate(flush)
      }
    },
    flush
  }
}
