/**
 * Collects every problem found in one document with the IAM check stage it belongs to, so
 * that the list is complete while the reported message is still the one IAM would pick.
 */
import type { PolicyIssue, PolicyProblem, SourceRange } from './model.js'
import type { JsonNode } from './json-source.js'
import type { Stage } from './messages.js'

interface Entry {
  stage: Stage
  seq: number
  problem: PolicyProblem
}

export class ProblemCollector {
  private readonly entries: Entry[] = []

  /** `withRanges` is false for documents that did not come from text (no positions to report). */
  constructor(readonly withRanges: boolean) {}

  get count(): number {
    return this.entries.length
  }

  add(stage: Stage, issue: PolicyIssue, path: string, range: SourceRange | undefined, message: string, detail: string, code?: string): void {
    const problem: PolicyProblem = { path, message, range: this.withRanges ? range : undefined, detail, issue }
    if (code !== undefined) problem.code = code
    this.entries.push({ stage, seq: this.entries.length, problem })
  }

  /** Adds a problem located at a node. */
  at(stage: Stage, issue: PolicyIssue, path: string, node: JsonNode, message: string, detail: string): void {
    this.add(stage, issue, path, node.range, message, detail)
  }

  hasStage(stage: Stage): boolean {
    return this.entries.some((e) => e.stage === stage)
  }

  /** Problems in IAM's reporting order: by check stage, then in document order. */
  sorted(): PolicyProblem[] {
    return this.entries
      .slice()
      .sort((a, b) => a.stage - b.stage || a.seq - b.seq)
      .map((e) => e.problem)
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** Appends an object key to a JSON path (`$.a.b`, or `$.a["aws:SourceIp"]` when not an identifier). */
export function pathKey(path: string, key: string): string {
  let plain = identifierCache.get(key)
  if (plain === undefined) {
    plain = IDENTIFIER.test(key)
    if (identifierCache.size < 1024) identifierCache.set(key, plain)
  }
  return plain ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`
}

// Paths are built for every element, and the same few keys recur in every statement.
const identifierCache = new Map<string, boolean>()

/** Appends an array index to a JSON path. */
export function pathIndex(path: string, index: number): string {
  return `${path}[${index}]`
}

/** A short description of a node's type for problem details. */
export function describeNode(node: JsonNode): string {
  switch (node.type) {
    case 'object':
      return 'an object'
    case 'array':
      return 'an array'
    case 'string':
      return 'a string'
    case 'number':
      return 'a number'
    case 'boolean':
      return 'a boolean'
    case 'null':
      return 'null'
  }
}
