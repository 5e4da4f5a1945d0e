/**
 * A FIFO mutex for one connection. It can hold one transaction; while an async
 * transaction() is open (awaiting between statements), everything else on that
 * connection waits here so it cannot slip into the open transaction (SQLite), and the
 * calls made through one transaction run one at a time (PostgreSQL).
 */
export class Gate {
  private held = false
  private readonly waiters: (() => void)[] = []

  get busy(): boolean {
    return this.held
  }

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true
      return Promise.resolve()
    }
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  release(): void {
    const next = this.waiters.shift()
    if (next) next()
    else this.held = false
  }
}
