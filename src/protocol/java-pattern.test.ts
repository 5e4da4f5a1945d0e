import { describe, expect, it } from 'vitest'
import { compilePattern, javaPatternToJs } from './java-pattern.js'
import { serviceModel } from './model.js'

describe('model patterns as JavaScript', () => {
  it('compiles every pattern of both models', () => {
    let count = 0
    for (const service of ['iam', 'sts'] as const) {
      for (const shape of Object.values(serviceModel(service).shapes)) {
        if (shape.type === 'string' && shape.pattern !== undefined) {
          expect(() => compilePattern(shape.pattern!)).not.toThrow()
          count++
        }
      }
    }
    expect(count).toBeGreaterThan(50)
  })

  it('matches whole values only', () => {
    const name = compilePattern('[\\w+=,.@-]+')
    expect(name.test('Role_1+=,.@-')).toBe(true)
    expect(name.test('bad name')).toBe(false)
    expect(name.test('')).toBe(false)
    expect(compilePattern('\\d{12}').test('1234567890123')).toBe(false)
  })

  it('reads Java escapes: \\uXXXX, code points above U+FFFF and identity escapes', () => {
    expect(javaPatternToJs('[\\w+=,.@\\:-]*')).toBe('[\\w+=,.@:-]*')
    expect(javaPatternToJs('[\\u0020-\\u007E\\u10000-\\u10FFFF]+')).toBe('[\\u0020-\\u007E\\u{10000}-\\u{10FFFF}]+')
    const text = compilePattern('[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+')
    expect(text.test('emoji \u{1F600} ok\n')).toBe(true)
    expect(text.test('nul \u0000')).toBe(false)
    const tag = compilePattern('[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*')
    expect(tag.test('Équipe données 2024')).toBe(true)
    expect(tag.test('a(b)')).toBe(false)
  })
})
