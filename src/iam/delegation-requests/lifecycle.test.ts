import { describe, expect, it } from 'vitest'
import type { DelegationRequestRecord, DelegationState } from '../../store/index.js'
import { currentState, expiryFor, transitionRefusal, TRANSITIONS, type Transition } from './lifecycle.js'

const T0 = new Date('2026-03-01T00:00:00.000Z')
const record = (state: DelegationState, expirationTime = new Date(T0.getTime() + 1000)) => ({ id: 'dr-0123456789abcdef', state, expirationTime }) as DelegationRequestRecord

/** The User Guide's transitions: which calls each state allows. */
const ALLOWED: Record<DelegationState, Transition[]> = {
  UNASSIGNED: ['associate'],
  ASSIGNED: ['accept', 'update', 'reject'],
  PENDING_APPROVAL: ['accept', 'update', 'reject'],
  ACCEPTED: ['reject', 'send'],
  FINALIZED: [],
  REJECTED: [],
  EXPIRED: []
}

describe('delegation request lifecycle', () => {
  it('allows exactly the documented transitions from each state', () => {
    for (const [state, allowed] of Object.entries(ALLOWED) as [DelegationState, Transition[]][]) {
      for (const t of Object.keys(TRANSITIONS) as Transition[]) {
        expect(transitionRefusal(record(state), state, t) === undefined, `${state} ${t}`).toBe(allowed.includes(t))
      }
    }
    expect(transitionRefusal(record('FINALIZED'), 'FINALIZED', 'reject'))
      .toBe('Delegation request dr-0123456789abcdef is in state FINALIZED and cannot be rejected; it must be ASSIGNED or PENDING_APPROVAL or ACCEPTED.')
  })

  it('expires after 1 day unassigned, 7 days otherwise, the delegation period once finalized', () => {
    expect(expiryFor('UNASSIGNED', T0, 900).toISOString()).toBe('2026-03-02T00:00:00.000Z')
    for (const s of ['ASSIGNED', 'PENDING_APPROVAL', 'ACCEPTED', 'REJECTED'] as const) expect(expiryFor(s, T0, 900).toISOString()).toBe('2026-03-08T00:00:00.000Z')
    expect(expiryFor('FINALIZED', T0, 900).toISOString()).toBe('2026-03-01T00:15:00.000Z')
  })

  it('reads as EXPIRED from its expiration time on', () => {
    const r = record('ASSIGNED')
    expect(currentState(r, new Date(T0.getTime() + 999))).toBe('ASSIGNED')
    expect(currentState(r, new Date(T0.getTime() + 1000))).toBe('EXPIRED')
  })
})
