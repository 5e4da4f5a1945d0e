/** Loading a blueprint for a verb: FILE or built-in NAME, `--set`, problems printed with their lines. */
import { parseDocument } from 'yaml'
import { BLUEPRINT_NAME } from '../blueprints/schema.js'
import { builtinNames, loadBlueprint, ParameterError, readBlueprintSource, type Blueprint, type BlueprintSource } from '../blueprints/index.js'
import { CliFailure, EXIT, UsageError } from './common.js'

/** The blueprint source for `FILE|NAME`, or a usage error listing the built-ins. */
export function sourceOf(ref: string | undefined): BlueprintSource {
  if (ref === undefined) throw new UsageError('missing FILE or NAME of a blueprint')
  const source = readBlueprintSource(ref)
  if (!source) throw new UsageError(`no blueprint file or built-in blueprint \`${ref}\` (built-ins: ${builtinNames().join(', ')})`)
  return source
}

/** Loads and resolves a blueprint; CliFailure(3) with every problem and its line. */
export function resolveBlueprint(source: BlueprintSource, set: Record<string, string>, accountId: string, region: string): Blueprint {
  let result
  try {
    result = loadBlueprint(source.text, source.source, { set, accountId, region })
  } catch (e) {
    if (e instanceof ParameterError) throw new UsageError(e.message)
    throw e
  }
  if (result.ok) return result.blueprint
  const where = source.source.startsWith('builtin:') ? `${source.source}` : source.source
  throw new CliFailure(
    `${where} is not a valid blueprint (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'})`,
    EXIT.invalid,
    result.problems.map((p) => `${where}:${p.line}:${p.column}: ${p.message}`)
  )
}

/** Just the `blueprint:` name (destroy needs no parameters). */
export function blueprintNameOf(source: BlueprintSource): string {
  const doc = parseDocument(source.text)
  const name = doc.get('blueprint')
  if (doc.errors.length > 0 || typeof name !== 'string' || !BLUEPRINT_NAME.test(name)) {
    throw new CliFailure(`${source.source} has no valid \`blueprint:\` name`, EXIT.invalid)
  }
  return name
}
