/**
 * The request log's writer: lines are gathered and written to stderr together, at most
 * `intervalMs` after the first of them or as soon as `maxPendingBytes` are waiting, so a busy
 * server makes one write syscall per batch of many requests instead of one per request (or per
 * event-loop turn, which under load is one or two requests). `flush` writes what is pending
 * now; the server calls it when it closes.
 */
export interface LogWriterOptions {
  intervalMs?: number
  maxPendingBytes?: number
}

/** A line sink that batches writes to `stream` (default stderr). */
export function createLogWriter(
  stream: NodeJS.WritableStream = process.stderr,
  { intervalMs = 25, maxPendingBytes = 64 * 1024 }: LogWriterOptions = {}
): { log: (line: string) => void; flush: () => void } {
  let pending: string[] = []
  let bytes = 0
  let timer: NodeJS.Timeout | undefined
  const flush = () => {
    if (timer) clearTimeout(timer)
    timer = undefined
    if (pending.length === 0) return
    const text = pending.join('\n') + '\n'
    pending = []
    bytes = 0
    stream.write(text)
  }
  return {
    log(line) {
      pending.push(line)
      bytes += line.length + 1
      if (bytes >= maxPendingBytes) flush()
      else if (!timer) timer = setTimeout(flush, intervalMs)
    },
    flush
  }
}
