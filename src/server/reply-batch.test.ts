import { createServer, request, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { ReplyBatch } from './reply-batch.js'

/** A stand-in response that records what is written to it. */
function fakeResponse(log: string[], name: string, opts: { destroyed?: boolean; throws?: boolean } = {}) {
  return {
    destroyed: opts.destroyed ?? false,
    writeHead(status: number) {
      if (opts.throws) throw new TypeError('invalid header')
      log.push(`${name} head ${status}`)
    },
    end(body: string) {
      log.push(`${name} body ${body}`)
    },
    destroy() {
      log.push(`${name} destroyed`)
    }
  } as unknown as ServerResponse
}

describe('ReplyBatch', () => {
  it('writes nothing during the turn, then every reply of the turn in order', async () => {
    const log: string[] = []
    const batch = new ReplyBatch()
    batch.send(fakeResponse(log, 'a'), 200, {}, 'A')
    batch.send(fakeResponse(log, 'b'), 404, {}, 'B')
    expect(log).toEqual([])
    await new Promise((r) => setImmediate(r))
    expect(log).toEqual(['a head 200', 'a body A', 'b head 404', 'b body B'])
  })

  it('skips a response whose connection is gone; one that fails to write does not cost the others theirs', async () => {
    const log: string[] = []
    const batch = new ReplyBatch()
    batch.send(fakeResponse(log, 'gone', { destroyed: true }), 200, {}, 'X')
    batch.send(fakeResponse(log, 'bad', { throws: true }), 200, {}, 'Y')
    batch.send(fakeResponse(log, 'ok'), 200, {}, 'Z')
    batch.flush()
    expect(log).toEqual(['bad destroyed', 'ok head 200', 'ok body Z'])
    // The scheduled flush finds an empty queue.
    await new Promise((r) => setImmediate(r))
    expect(log).toHaveLength(3)
  })

  it('answers many concurrent requests over real connections, each with its own body', async () => {
    const batch = new ReplyBatch()
    const server = createServer((req, res) => {
      req.resume()
      req.on('end', () => batch.send(res, 200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(req.url!) }, req.url!))
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const { port } = server.address() as AddressInfo
    const get = (path: string) =>
      new Promise<string>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path }, (res) => {
          let body = ''
          res.on('data', (c: Buffer) => (body += c.toString('utf8')))
          res.on('end', () => resolve(body))
        }).on('error', reject).end()
      })
    try {
      const paths = Array.from({ length: 40 }, (_, i) => `/r${i}`)
      expect(await Promise.all(paths.map(get))).toEqual(paths)
    } finally {
      server.closeAllConnections()
      await new Promise((r) => server.close(r))
    }
  })
})
