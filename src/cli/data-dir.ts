/** The `--data` directory the verbs share, and what a verb created in it (to undo on failure). */
import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { MASTER_KEY_FILE } from '../auth/key-material.js'
import { ROOT_CREDENTIALS_FILE } from '../server/bootstrap.js'
import { SQLITE_FILE_NAME } from '../store/index.js'

/** The default data directory of every verb (relative to the working directory). */
export const DEFAULT_DATA_DIR = '.warden'

const OWN_FILES = [SQLITE_FILE_NAME, `${SQLITE_FILE_NAME}-wal`, `${SQLITE_FILE_NAME}-shm`, MASTER_KEY_FILE, ROOT_CREDENTIALS_FILE]

/** What a data directory held before a verb ran, so the verb can remove exactly what it added. */
export interface DataDirState {
  dir: string
  existed: boolean
  files: Set<string>
}

/** Records which of Warden's files exist in `dir` now. */
export function dataDirState(dir: string): DataDirState {
  const existed = existsSync(dir)
  return { dir, existed, files: new Set(OWN_FILES.filter((f) => existsSync(join(dir, f)))) }
}

/** Removes the Warden files (and the directory) that were not there in `before`. */
export function restoreDataDir(before: DataDirState): void {
  for (const f of OWN_FILES) if (!before.files.has(f)) rmSync(join(before.dir, f), { force: true })
  if (!before.existed && existsSync(before.dir) && readdirSync(before.dir).length === 0) rmdirSync(before.dir)
}

/** True when `dir` holds a Warden database. */
export function hasDatabase(dir: string): boolean {
  return existsSync(join(dir, SQLITE_FILE_NAME))
}
