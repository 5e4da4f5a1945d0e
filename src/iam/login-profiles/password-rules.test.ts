import { describe, expect, it } from 'vitest'
import { hashPassword } from '../../auth/password-hash.js'
import { isIamError } from '../shared/errors.js'
import { conformsToPolicy, nextHistory, requireUnusedPassword } from './password-rules.js'

const NAMES = ['123456789012', 'ml-team']

describe('password policy rules', () => {
  it('without a custom policy applies AWS default: 8+ characters, three classes, not the account name', () => {
    expect(conformsToPolicy('Abcdefg1', undefined, NAMES)).toBe(true)
    expect(conformsToPolicy('abcdef1!', undefined, NAMES)).toBe(true)
    expect(conformsToPolicy('Abcdef1', undefined, NAMES)).toBe(false)
    expect(conformsToPolicy('abcdefgh1', undefined, NAMES)).toBe(false)
    expect(conformsToPolicy('ABCDEFGH', undefined, NAMES)).toBe(false)
    expect(conformsToPolicy('ML-team1', undefined, ['ML-team1'])).toBe(false)
  })

  it('a custom policy checks its length and each class it requires, nothing else', () => {
    const policy = { minimumPasswordLength: 10, requireSymbols: true, requireNumbers: true, requireUppercaseCharacters: true, requireLowercaseCharacters: true }
    expect(conformsToPolicy('Abcdefgh1!', policy, NAMES)).toBe(true)
    expect(conformsToPolicy('Abcdefg1!', policy, NAMES)).toBe(false)
    expect(conformsToPolicy('abcdefgh1!', policy, NAMES)).toBe(false)
    expect(conformsToPolicy('ABCDEFGH1!', policy, NAMES)).toBe(false)
    expect(conformsToPolicy('Abcdefghi!', policy, NAMES)).toBe(false)
    expect(conformsToPolicy('Abcdefghi1', policy, NAMES)).toBe(false)
    // Only IAM's symbol set counts: `~` and `.` are not in it.
    expect(conformsToPolicy('Abcdefgh1~.', policy, NAMES)).toBe(false)
    expect(conformsToPolicy("Abcdefgh1'", policy, NAMES)).toBe(true)
    // Length counts characters, not UTF-8 bytes; a bare policy's default minimum is 6.
    expect(conformsToPolicy('ääääää', {}, NAMES)).toBe(true)
    expect(conformsToPolicy('äääää', {}, NAMES)).toBe(false)
  })

  it('reuse prevention remembers the current and as many earlier passwords as the policy says', async () => {
    const [h1, h2, h3] = await Promise.all(['Pass-one-1', 'Pass-two-2', 'Pass-three-3'].map(hashPassword))
    const policy = { passwordReusePrevention: 2 }
    // Current h3, earlier h2 (kept), h1 (beyond the window).
    await expect(requireUnusedPassword('Pass-three-3', h3!, [h2!, h1!], policy)).rejects.toSatisfy((e) => isIamError(e, 'PasswordPolicyViolation'))
    await expect(requireUnusedPassword('Pass-two-2', h3!, [h2!, h1!], policy)).rejects.toSatisfy((e) => isIamError(e, 'PasswordPolicyViolation'))
    await expect(requireUnusedPassword('Pass-one-1', h3!, [h2!, h1!], policy)).resolves.toBeUndefined()
    await expect(requireUnusedPassword('Pass-three-3', h3!, [], {})).resolves.toBeUndefined()
    expect(nextHistory('new', ['a', 'b', 'c'], { passwordReusePrevention: 3 })).toEqual(['new', 'a'])
    expect(nextHistory('new', ['a'], undefined)).toEqual([])
    expect(nextHistory('new', [], { passwordReusePrevention: 99 })).toEqual(['new'])
  })
})
