/**
 * A TCP forwarder a test controls, to put faults between Warden and PostgreSQL without
 * touching the shared server: `cut()` drops every connection and refuses new ones (a
 * restart or crash), `blackhole()` accepts connections and lets them hang (a network
 * partition), `restore()` forwards again.
 */
import { createServer, connect, type Server, type Socket } from 'node:net'

export type ProxyMode = 'forward' | 'refuse' | 'blackhole'

export interface TcpProxy {
  port: number
  mode(): ProxyMode
  cut(): void
  blackhole(): void
  restore(): void
  close(): Promise<void>
}

/** Listens on a free port of 127.0.0.1 and forwards to `target`. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: ProxyMode = 'forward'
  const open = new Set<Socket>()
  const pairs = new Set<[Socket, Socket]>()
  const track = (s: Socket) => {
    open.add(s)
    s.on('close', () => open.delete(s))
    s.on('error', () => s.destroy())
  }
  const server: Server = createServer((client) => {
    track(client)
    // A refusing proxy still accepts at the TCP level; closing at once is what the client sees of a server going down.
    if (mode === 'refuse') return void client.destroy()
    if (mode === 'blackhole') return
    const upstream = connect(target.port, target.host)
    track(upstream)
    client.pipe(upstream)
    upstream.pipe(client)
    const pair: [Socket, Socket] = [client, upstream]
    pairs.add(pair)
    upstream.on('close', () => { pairs.delete(pair); client.destroy() })
    client.on('close', () => upstream.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  const dropAll = () => {
    for (const s of open) s.destroy()
  }
  return {
    port,
    mode: () => mode,
    cut: () => {
      mode = 'refuse'
      dropAll()
    },
    blackhole: () => {
      mode = 'blackhole'
      // Existing connections stop answering too: nothing is passed on in either direction.
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream)
        upstream.unpipe(client)
        client.pause()
        upstream.pause()
      }
    },
    restore: () => {
      // Paused (blackholed) connections are dead to their owners; they are dropped, new ones forward.
      if (mode === 'blackhole') dropAll()
      mode = 'forward'
    },
    close: async () => {
      dropAll()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
