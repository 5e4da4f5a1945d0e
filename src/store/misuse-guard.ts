/**
 * The guard against calling the outer store inside its own `transaction()` callback (which
 * would wait forever for the transaction holding the store): an AsyncLocalStorage marks the
 * callback's async context, and the outer store's operations refuse to run in it.
 *
 * On by default only under the test runner (VITEST) or with WARDEN_STORE_CHECKS=1, because on
 * Node 20 an AsyncLocalStorage, once it has run anything, installs promise hooks for the
 * whole process: every promise then costs about three times as much. Measured in process
 * (bench/pipeline.bench.ts) after a single CreateServiceLinkedRole, the one request handler
 * that opens a transaction: +12-25% CPU per GetCallerIdentity, +7-26% per AssumeRole,
 * +8-35% per GetRole, for the rest of the server's life. The misuse it catches is a
 * programming error, which the test suite, where the guard is on, finds.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

export class MisuseGuard {
  private readonly storage = process.env.VITEST !== undefined || process.env.WARDEN_STORE_CHECKS === '1' ? new AsyncLocalStorage<boolean>() : undefined

  /** True inside a transaction callback's async context (always false when the guard is off). */
  get insideTransaction(): boolean {
    return this.storage?.getStore() === true
  }

  /** Runs a transaction's callback, marked as inside it. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    return this.storage ? this.storage.run(true, fn) : fn()
  }
}
