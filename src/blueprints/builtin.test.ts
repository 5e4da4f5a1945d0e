/**
 * The built-in blueprints use only real actions, and every resource fits a resource type of
 * each action it is given to (bucket vs object, log group vs log stream), or is `*` for
 * actions that take no resource-level permissions; and `warden lint` finds nothing in any
 * of their policy or trust documents.
 */
import { describe, expect, it } from 'vitest'
import { loadCatalog } from '../catalog/index.js'
import { lintText } from '../catalog/lint-catalog.js'
import { builtinNames, builtinText } from './builtin.js'
import { loadBlueprint } from './load.js'
import type { PolicyDocument } from './model.js'

interface Statement {
  Sid?: string
  Action?: string | string[]
  Resource?: string | string[]
}

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v])

/** An ARN format from the catalog as a regex; a bucket name has no `/`, other names may. */
function formatRegex(format: string): RegExp {
  const parts = format.split(/(\$\{[A-Za-z]+\})/)
  return new RegExp(`^${parts.map((p) => (p === '${Partition}' ? 'aws' : p === '${BucketName}' ? '[^/]+' : p.startsWith('${') ? '.+' : p.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('')}$`)
}

describe('built-in blueprint policies', () => {
  it.each(builtinNames())('%s: real actions, resources of the right type', async (name) => {
    const r = loadBlueprint(builtinText(name)!, name, { accountId: '123456789012', region: 'us-east-1' })
    if (!r.ok) throw new Error('load failed')
    const docs: [string, PolicyDocument][] = [
      ...r.blueprint.policies.map((p): [string, PolicyDocument] => [p.name, p.document]),
      ...[...r.blueprint.roles, ...r.blueprint.users, ...r.blueprint.groups].flatMap((e) => e.inlinePolicies.map((p): [string, PolicyDocument] => [`${e.name}/${p.name}`, p.document]))
    ]
    const statements = docs.flatMap(([id, d]) => (d.Statement as Statement[]).map((s) => ({ id: `${id}#${s.Sid ?? '?'}`, s })))
    const catalog = await loadCatalog(statements.flatMap(({ s }) => list(s.Action)))
    const problems: string[] = []
    for (const { id, s } of statements) {
      for (const action of list(s.Action)) {
        const names = action.includes('*') ? catalog.expandAction(action) : [action]
        if (names.length === 0 || (!action.includes('*') && !catalog.actionExists(action))) {
          problems.push(`${id}: unknown action ${action}`)
          continue
        }
        for (const a of names) {
          const info = catalog.getAction(a)!
          for (const resource of list(s.Resource)) {
            if (resource === '*') continue
            // `sagemaker:*` on one account's ARNs simply does not grant the `*`-only actions.
            if (info.wildcardResourceOnly && action.includes('*')) continue
            if (info.wildcardResourceOnly) {
              problems.push(`${id}: ${a} takes only "*", not ${resource}`)
              continue
            }
            const sample = resource.replace(/\*/g, 'x1')
            const fits = info.resourceTypes.some((t) => t.arnFormat !== undefined && formatRegex(t.arnFormat).test(sample))
            // A wildcard action only has to fit where it applies: sagemaker:* on one account's resources.
            if (!fits && !action.includes('*')) problems.push(`${id}: ${resource} fits no resource type of ${a}`)
          }
        }
      }
    }
    expect(problems).toEqual([])
  })
})

describe('warden lint on the built-in blueprints', () => {
  it.each(builtinNames())('%s: no findings in its policies, inline policies and trust policies', async (name) => {
    const r = loadBlueprint(builtinText(name)!, name, { accountId: '123456789012', region: 'us-east-1' })
    if (!r.ok) throw new Error('load failed')
    const bp = r.blueprint
    const docs: [string, PolicyDocument, 'identity' | 'trust'][] = [
      ...bp.policies.map((p): [string, PolicyDocument, 'identity'] => [p.name, p.document, 'identity']),
      ...bp.roles.map((x): [string, PolicyDocument, 'trust'] => [`${x.name} (trust)`, x.trust, 'trust']),
      ...[...bp.roles, ...bp.users, ...bp.groups].flatMap((e) => e.inlinePolicies.map((p): [string, PolicyDocument, 'identity'] => [`${e.name}/${p.name}`, p.document, 'identity']))
    ]
    const findings: string[] = []
    for (const [id, doc, kind] of docs) {
      for (const f of (await lintText(JSON.stringify(doc, null, 2), { kind })).findings) findings.push(`${id}: ${f.issueCode} ${f.message}`)
    }
    expect(findings).toEqual([])
  })
})
