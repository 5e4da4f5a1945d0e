/**
 * Account snapshots: the JSON `aws iam get-account-authorization-details` prints, read
 * into Warden (`warden import`) and written from it (`warden export`).
 */
import { checkReferences } from './check-references.js'
import type { Snapshot } from './model.js'
import { readSnapshot } from './read-snapshot.js'
import type { Json } from './reader.js'
import { SnapshotError } from './snapshot-error.js'

export { applySnapshot, type ImportSummary } from './apply-snapshot.js'
export { exportSnapshot, snapshotText, type SnapshotDocument } from './export.js'
export type { Snapshot } from './model.js'
export type { SnapshotProblem } from './reader.js'
export { SnapshotError }

/** Parses the file text; a JSON syntax error is a SnapshotError at `$`. */
export function parseSnapshotText(text: string): Json {
  try {
    return JSON.parse(text) as Json
  } catch (err) {
    throw new SnapshotError([{ path: '$', message: `not valid JSON: ${(err as Error).message}` }])
  }
}

/** Reads and checks a parsed file; throws a SnapshotError listing every problem. */
export async function validateSnapshot(value: Json): Promise<Snapshot> {
  const { snapshot, problems } = readSnapshot(value)
  // References are only meaningful once every entry could be read.
  if (problems.length === 0) problems.push(...(await checkReferences(snapshot)))
  if (problems.length > 0) throw new SnapshotError(problems)
  return snapshot
}
