/** Why a snapshot file was refused: every problem found, each at its JSON path. */
import type { SnapshotProblem } from './reader.js'

/** How many problems the message lists (all of them stay in `problems`). */
const SHOWN = 50

export class SnapshotError extends Error {
  override readonly name = 'SnapshotError'

  constructor(readonly problems: SnapshotProblem[]) {
    const lines = problems.slice(0, SHOWN).map((p) => `  ${p.path}: ${p.message}`)
    if (problems.length > SHOWN) lines.push(`  ... and ${problems.length - SHOWN} more`)
    super(`the snapshot was refused (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`)
  }
}
