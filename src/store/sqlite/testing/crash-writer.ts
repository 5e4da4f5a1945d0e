/**
 * Child process for the crash test: writes forever and prints `ack N` on stdout after
 * each write has committed, until the parent kills it with SIGKILL. Pipes are synchronous
 * on Linux, so an ack is never printed before its commit returned.
 */
import { openSqliteStore } from '../sqlite-store.js'

const filename = process.argv[2]
if (!filename) throw new Error('usage: crash-writer <db file>')
const store = await openSqliteStore({ filename })
await store.initAccount('123456789012')
process.stdout.write('ready\n')
for (let i = 0; ; i++) {
  await store.transaction(async (tx) => {
    await tx.createUser({ name: `user-${i}` })
    await tx.putInlinePolicy({ type: 'user', name: `user-${i}` }, 'p', `{"n":${i}}`)
  })
  process.stdout.write(`ack ${i}\n`)
}
