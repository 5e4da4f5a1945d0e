/**
 * Per-evaluation state: context lookups (caller keys, then derived keys), the clock, and in
 * explain mode the matched statements and missing keys. One small object per evaluation.
 */
import { derivedKey, lookupSupplied, type Clock } from './context.js'
import type { AuthorizationRequest, ContextValue, MatchedStatement, RequestPrincipal } from './types.js'

export class EvalState implements Clock {
  readonly request: AuthorizationRequest
  readonly principal: RequestPrincipal
  readonly explain: boolean
  readonly matched: MatchedStatement[] | undefined
  readonly missing: string[] | undefined
  private readonly derive: boolean
  private readonly fixedNow: Date | undefined
  private cachedNow: Date | undefined

  constructor(request: AuthorizationRequest, now: Date | undefined, explain: boolean, derive = true) {
    this.request = request
    this.principal = request.principal
    this.explain = explain
    this.derive = derive
    this.fixedNow = now
    this.matched = explain ? [] : undefined
    this.missing = explain ? [] : undefined
  }

  now(): Date {
    if (this.fixedNow) return this.fixedNow
    if (!this.cachedNow) this.cachedNow = new Date()
    return this.cachedNow
  }

  /** The value of a context key, or undefined when absent (recorded as missing in explain mode). */
  lookup(lowerKey: string, writtenKey: string): ContextValue | undefined {
    const supplied = lookupSupplied(this.request.context, lowerKey, writtenKey)
    if (supplied !== undefined) return supplied
    const derived = this.derive ? derivedKey(this.principal, lowerKey, this) : undefined
    if (derived === undefined && this.missing && !this.missing.includes(writtenKey)) this.missing.push(writtenKey)
    return derived
  }
}
