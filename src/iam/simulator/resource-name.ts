/**
 * EvalResourceName of an action's aggregate result. IAM now returns one EvaluationResult per
 * action whatever the number of ResourceArns (API reference, EvaluationResult). With one
 * resource it names that resource; with several of one resource type, the type's ARN format
 * from the Service Authorization Reference (e.g. `arn:aws:s3:::${BucketName}/${ObjectName}`),
 * which is what IAM shows for such a group; resources of different types name the first.
 */
import { loadCatalog } from '../../catalog/index.js'
import { createLruCache } from '../../eval/index.js'

interface Format {
  format: string
  /** The service field, and the literal start of the resource part: cheap filters before the pattern. */
  service: string
  resourcePrefix: string
  /** Characters outside placeholders: the more, the more specific. */
  literal: number
  /** The format as a pattern, per partition. */
  regexes: Map<string, RegExp>
}

/** Action names come from the request: bounded like every cache on the request path. */
const formats = createLruCache<string, Format[]>(4096)
/** Partitions come from the request's ARNs; a format keeps patterns for a few. */
const PARTITIONS_PER_FORMAT = 8
/** Names already worked out, by resource list then action: clients repeat their simulations. */
const names = createLruCache<string, Map<string, string>>(256)

function compile(format: string): Format {
  const fields = format.split(':')
  const resource = fields.slice(5).join(':')
  const placeholder = resource.indexOf('${')
  return {
    format,
    service: fields[2] ?? '',
    resourcePrefix: placeholder < 0 ? resource : resource.slice(0, placeholder),
    literal: format.split(/\$\{[A-Za-z]+\}/).join('').length,
    regexes: new Map()
  }
}

/**
 * The format as a pattern. A placeholder matches no `/`, except a last one after a `/` (object
 * keys, role names with paths): a bucket ARN format must not match an object's ARN.
 */
function regexOf(f: Format, partition: string): RegExp {
  let regex = f.regexes.get(partition)
  if (regex === undefined) {
    const parts = f.format.replaceAll('${Partition}', partition).split(/(\$\{[A-Za-z]+\})/)
    const last = parts.length - (parts[parts.length - 1] === '' ? 2 : 1)
    const source = parts.map((p, i) => {
      if (!p.startsWith('${')) return p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      return i === last && (parts[i - 1] ?? '').endsWith('/') ? '.+' : '[^/]+'
    }).join('')
    regex = new RegExp(`^${source}$`)
    if (f.regexes.size < PARTITIONS_PER_FORMAT) f.regexes.set(partition, regex)
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
  const fields = arn.split(':')
  const partition = fields[1] ?? 'aws'
  const service = fields[2]
  const resource = fields.slice(5).join(':')
  let best: Format | undefined
  for (const f of list) {
    if (f.service !== service || !resource.startsWith(f.resourcePrefix)) continue
    if (regexOf(f, partition).test(arn) && (best === undefined || f.literal > best.literal)) best = f
  }
  return best?.format.replaceAll('${Partition}', partition)
}

/** What EvalResourceName says for each of `actions` simulated on `resources` (ResourceArns, two or more). */
export async function aggregateResourceNames(actions: readonly string[], resources: readonly string[]): Promise<string[]> {
  const first = resources[0] as string
  if (resources.every((r) => r === first)) return actions.map(() => first)
  // One lookup of the long key per call, then one per action name.
  const key = resources.join('\u0000')
  let perAction = names.get(key)
  if (perAction === undefined || perAction.size > 4096) names.set(key, (perAction = new Map()))
  const out: string[] = []
  for (const action of actions) {
    let name = perAction.get(action)
    if (name === undefined) {
      name = commonFormat(await formatsOf(action), resources) ?? first
      perAction.set(action, name)
    }
    out.push(name)
  }
  return out
}

/** The one format every resource matches best, if there is one. */
function commonFormat(list: readonly Format[], resources: readonly string[]): string | undefined {
  let named: string | undefined
  for (const r of resources) {
    const f = bestFormat(list, r)
    if (f === undefined || (named !== undefined && f !== named)) return undefined
    named = f
  }
  return named
}
