/** The built-in blueprints: the YAML files in ./builtin, one per seed guide. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

const DIR = fileURLToPath(new URL('./builtin/', import.meta.url))

/** The names of the built-in blueprints, sorted. */
export function builtinNames(): string[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort()
}

/** The YAML text of a built-in blueprint, or undefined. */
export function builtinText(name: string): string | undefined {
  if (!builtinNames().includes(name)) return undefined
  return readFileSync(join(DIR, `${name}.yaml`), 'utf8')
}

export interface BlueprintSource {
  text: string
  /** A file path, or `builtin:NAME`. */
  source: string
}

/** Resolves `FILE|NAME`: an existing file wins, then a built-in name; undefined if neither. */
export function readBlueprintSource(ref: string): BlueprintSource | undefined {
  if (existsSync(ref) && statSync(ref).isFile()) return { text: readFileSync(ref, 'utf8'), source: ref }
  const text = builtinText(ref)
  return text === undefined ? undefined : { text, source: `builtin:${ref}` }
}
