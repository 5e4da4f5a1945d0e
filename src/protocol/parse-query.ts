/** The flat parameters of a Query request, before the model gives them shape. */
export interface QueryParams {
  action?: string
  version?: string
  /** Every parameter, Action and Version included, by its wire name (`Tags.member.1.Key`). */
  params: Map<string, string>
}

/**
 * Parses an `application/x-www-form-urlencoded` body or a GET query string (with or
 * without the leading `?`). A repeated name keeps its last value.
 */
export function parseQuery(bodyOrQuery: string | URLSearchParams): QueryParams {
  const search = typeof bodyOrQuery === 'string' ? new URLSearchParams(bodyOrQuery) : bodyOrQuery
  const params = new Map<string, string>()
  for (const [key, value] of search) params.set(key, value)
  const out: QueryParams = { params }
  const action = params.get('Action')
  const version = params.get('Version')
  if (action !== undefined) out.action = action
  if (version !== undefined) out.version = version
  return out
}

/** One level of the dotted parameter names: `Tags.member.1.Key` is root -> Tags -> member -> 1 -> Key. */
export interface ParamNode {
  value?: string
  children?: Map<string, ParamNode>
}

/** The dotted names as a tree, so decoding walks the model once instead of scanning every name per member. */
export function paramTree(params: Map<string, string>): ParamNode {
  const root: ParamNode = {}
  for (const [key, value] of params) {
    let node = root
    for (const part of key.split('.')) {
      node.children ??= new Map()
      let child = node.children.get(part)
      if (child === undefined) {
        child = {}
        node.children.set(part, child)
      }
      node = child
    }
    node.value = value
  }
  return root
}
