/**
 * EvalResourceName of an action's aggregate result. IAM now returns one EvaluationResult per
 * action whatever the number of ResourceArns (API reference, EvaluationResult). With one
 * resource it names that resource; with several of one resource type, the type's ARN format
 * from the Service Authorization Reference (e.g. `arn:aws:s3:::${BucketName}/${ObjectName}`),
 * which is what IAM shows for such a group; resources of different types name the first.
 */
import { loadCatalog } from '../../catalog/index.js'

interface Format {
  format: string
  /** Characters outside placeholders: the more, the more specific. */
  literal: number
  /** The format as a pattern, per partition. */
  regexes: Map<string, RegExp>
}

const formats = new Map<string, Format[]>()

function compile(format: string): Format {
  const literal = format.split(/\$\{[A-Za-z]+\}/).join('').length
  return { format, literal, regexes: new Map() }
}

function regexOf(f: Format, partition: string): RegExp {
  let regex = f.regexes.get(partition)
  if (regex === undefined) {
    const parts = f.format.replaceAll('${Partition}', partition).split(/(\$\{[A-Za-z]+\})/)
    const source = parts.map((p) => (p.startsWith('${') ? '.+' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')
    f.regexes.set(partition, (regex = new RegExp(`^${source}$`)))
  }
  return regex
}

async function formatsOf(action: string): Promise<Format[]> {
  const key = action.toLowerCase()
  let list = formats.get(key)
  if (list === undefined) {
    let types: readonly { arnFormat: string | undefined }[] = []
    try {
      types = (await loadCatalog([action])).resourceTypesOf(action) ?? []
    } catch {
      // an unknown service: no formats
    }
    list = types.flatMap((t) => (t.arnFormat ? [compile(t.arnFormat)] : []))
    formats.set(key, list)
  }
  return list
}

/** The most specific resource type format matching `arn` (partition placeholder filled from it). */
function bestFormat(list: readonly Format[], arn: string): string | undefined {
  const partition = arn.split(':')[1] ?? 'aws'
  let best: Format | undefined
  for (const f of list) {
    if (regexOf(f, partition).test(arn) && (best === undefined || f.literal > best.literal)) best = f
  }
  return best?.format.replaceAll('${Partition}', partition)
}

/** What EvalResourceName says for `action` simulated on `resources` (ResourceArns, non-empty). */
export async function aggregateResourceName(action: string, resources: readonly string[]): Promise<string> {
  const first = resources[0] as string
  if (resources.every((r) => r === first)) return first
  const list = await formatsOf(action)
  const named = new Set(resources.map((r) => bestFormat(list, r)))
  const only = named.size === 1 ? [...named][0] : undefined
  return only ?? first
}
