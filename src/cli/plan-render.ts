/** Renders a plan for people (text, coloured on a terminal) and for scripts (JSON). */
import { withContext } from '../blueprints/line-diff.js'
import type { Change, Plan } from '../blueprints/index.js'
import type { Palette } from './color.js'

export interface PlanCounts {
  create: number
  update: number
  delete: number
  conflict: number
}

/** How many entities each kind of change touches. */
export function countsOf(plan: Plan): PlanCounts {
  const n = (k: Change['kind']) => plan.changes.filter((c) => c.kind === k).length
  return { create: n('create'), update: n('update'), delete: n('delete'), conflict: n('conflict') }
}

/** The plan as JSON (changes with document diffs, the IAM calls, counts). */
export function planJson(plan: Plan): Record<string, unknown> {
  return {
    blueprint: plan.blueprint,
    accountId: plan.accountId,
    counts: countsOf(plan),
    changes: plan.changes.filter((c) => c.kind !== 'keep' || c.reason !== undefined),
    steps: plan.steps.map((s) => ({ action: s.action, input: s.input, summary: s.summary }))
  }
}

/** The plan as lines of text; `brief` leaves out the bodies of new documents. */
export function planText(plan: Plan, paint: Palette, options: { brief?: boolean; verb?: 'plan' | 'destroy' } = {}): string[] {
  const lines: string[] = []
  const signs: Record<Change['kind'], (s: string) => string> = {
    create: (s) => paint.green(`+ ${s}`),
    update: (s) => paint.yellow(`~ ${s}`),
    delete: (s) => paint.red(`- ${s}`),
    conflict: (s) => paint.bold(paint.red(`! ${s}`)),
    keep: (s) => paint.dim(`= ${s}`)
  }
  const colourOf = (sign: string) => (sign === '+' ? paint.green : sign === '-' ? paint.red : sign === '~' ? paint.yellow : (s: string) => s)
  for (const c of plan.changes) {
    if (c.kind === 'keep' && c.reason === undefined) continue
    lines.push(signs[c.kind](`${c.kind === 'keep' ? 'keep' : c.kind} ${c.entity} ${c.name}${c.reason ? `: ${c.reason}` : ''}`))
    for (const d of c.details) {
      lines.push(`    ${colourOf(d.sign)(`${d.sign} ${d.text}`)}`)
      if (!d.diff) continue
      const allNew = d.diff.every((l) => l.sign === '+')
      if (allNew && options.brief) continue
      for (const l of allNew ? d.diff : withContext(d.diff)) lines.push(`        ${colourOf(l.sign)(`${l.sign} ${l.text}`)}`)
    }
  }
  const n = countsOf(plan)
  if (lines.length > 0) lines.push('')
  if (n.conflict > 0) {
    lines.push(paint.red(`${n.conflict} conflict${n.conflict === 1 ? '' : 's'}: apply changes nothing until they are resolved.`))
  } else if (plan.steps.length === 0) {
    lines.push(options.verb === 'destroy' ? `Nothing to destroy: account ${plan.accountId} has nothing of blueprint ${plan.blueprint}.` : `No changes: account ${plan.accountId} matches blueprint ${plan.blueprint}.`)
  } else {
    lines.push(`Plan: ${n.create} to create, ${n.update} to change, ${n.delete} to delete (${plan.steps.length} IAM call${plan.steps.length === 1 ? '' : 's'}).`)
  }
  return lines
}
