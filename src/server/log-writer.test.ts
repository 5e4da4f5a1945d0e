import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogWriter } from './log-writer.js'

function sink() {
  const stream = new PassThrough()
  const writes: string[] = []
  stream.on('data', (c: Buffer) => writes.push(c.toString('utf8')))
  return { stream, writes }
}

describe('createLogWriter', () => {
  it('writes the lines of one interval in one write, in order', async () => {
    const { stream, writes } = sink()
    const w = createLogWriter(stream, { intervalMs: 20 })
    for (let i = 0; i < 100; i++) w.log(`line ${i}`)
    await new Promise((r) => setImmediate(r))
    expect(writes).toEqual([])
    await new Promise((r) => setTimeout(r, 60))
    expect(writes).toHaveLength(1)
    expect(writes[0]!.split('\n')).toEqual([...Array.from({ length: 100 }, (_, i) => `line ${i}`), ''])
  })

  it('writes at once when enough is pending, and flush() writes the rest now', async () => {
    const { stream, writes } = sink()
    const w = createLogWriter(stream, { intervalMs: 60_000, maxPendingBytes: 100 })
    for (let i = 0; i < 30; i++) w.log('0123456789')
    await new Promise((r) => setImmediate(r))
    expect(writes.length).toBeGreaterThanOrEqual(3)
    w.flush()
    await new Promise((r) => setImmediate(r))
    expect(writes.join('').split('\n').filter(Boolean)).toHaveLength(30)
    w.flush()
    expect(writes.join('').split('\n').filter(Boolean)).toHaveLength(30)
  })
})
