import { describe, expect, it } from 'vitest'
import { getMember, parseJson, type JsonNode } from './json-source.js'

/** Re-reads a node tree as a plain value, to compare with JSON.parse. */
function plain(node: JsonNode): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries(node.members.map((m) => [m.key, plain(m.value)]))
    case 'array':
      return node.items.map(plain)
    case 'null':
      return null
    default:
      return node.value
  }
}

describe('parseJson values', () => {
  it.each([
    '{"a":[1,-2.5e3,0,0.1,1E+2],"b":{"c":null,"d":true,"e":false},"f":""}',
    '"\\u00e9\\ud83d\\ude00 \\"q\\" \\\\ \\/ \\b\\f\\n\\r\\t"',
    '  [ ]  ',
    '{}',
    '-0',
    '"é😀 raw unicode"'
  ])('reads %s as JSON.parse does', (text) => {
    const result = parseJson(text)
    expect(result.error).toBeUndefined()
    expect(plain(result.value as JsonNode)).toEqual(JSON.parse(text))
  })

  it('keeps numbers as written', () => {
    const node = parseJson('1.50').value
    expect(node).toMatchObject({ type: 'number', value: 1.5, raw: '1.50' })
  })

  it('keeps members in order and finds the last duplicate', () => {
    const result = parseJson('{"b":1,"a":2,"b":3}')
    const node = result.value
    if (node?.type !== 'object') throw new Error('expected an object')
    expect(node.members.map((m) => m.key)).toEqual(['b', 'a', 'b'])
    expect(getMember(node, 'b')?.value).toMatchObject({ value: 3 })
    expect(result.duplicateKeys).toHaveLength(1)
    expect(result.duplicateKeys[0]).toMatchObject({ key: 'b', keyRange: { start: { column: 14 } }, firstKeyRange: { start: { column: 2 } } })
  })
})

describe('parseJson positions', () => {
  it('gives 1-based lines and columns and 0-based offsets, end exclusive', () => {
    const text = '{\n  "Key": "value",\r\n\t"n": [1, 22]\r}'
    const node = parseJson(text).value
    if (node?.type !== 'object') throw new Error('expected an object')
    const [key, n] = node.members
    expect(key?.keyRange).toEqual({ start: { line: 2, column: 3, offset: 4 }, end: { line: 2, column: 8, offset: 9 } })
    expect(key?.value.range).toEqual({ start: { line: 2, column: 10, offset: 11 }, end: { line: 2, column: 17, offset: 18 } })
    // CRLF counts as one line break, a lone CR as another.
    expect(n?.keyRange.start).toEqual({ line: 3, column: 2, offset: 22 })
    const arr = n?.value
    if (arr?.type !== 'array') throw new Error('expected an array')
    expect(arr.items[1]?.range).toEqual({ start: { line: 3, column: 11, offset: 31 }, end: { line: 3, column: 13, offset: 33 } })
    expect(node.range).toEqual({ start: { line: 1, column: 1, offset: 0 }, end: { line: 4, column: 2, offset: text.length } })
  })

  it('counts columns in UTF-16 code units, like editors and Java', () => {
    const node = parseJson('["😀", 1]').value
    if (node?.type !== 'array') throw new Error('expected an array')
    expect(node.items[1]?.range.start).toEqual({ line: 1, column: 8, offset: 7 })
  })
})

describe('parseJson errors', () => {
  it.each([
    ['', 1, 1, 'end of input'],
    ['{"a":1,}', 1, 8, 'expected a string key'],
    ['[1,]', 1, 4, 'expected a JSON value'],
    ['{"a" 1}', 1, 6, 'expected `:`'],
    ['{"a":1 "b":2}', 1, 8, 'expected `,` or `}`'],
    ['[1 2]', 1, 4, 'expected `,` or `]`'],
    ['{"a":01}', 1, 7, 'leading zeros'],
    ['{"a":1.}', 1, 8, 'decimal point'],
    ['{"a":1e}', 1, 8, 'exponent'],
    ['{"a":-}', 1, 7, 'expected a digit'],
    ['{"a":+1}', 1, 6, 'expected a JSON value'],
    ['{"a":NaN}', 1, 6, 'expected a JSON value'],
    ["{'a':1}", 1, 2, 'expected a string key'],
    ['{"a":"x\\q"}', 1, 8, 'invalid escape'],
    ['{"a":"\\u12G4"}', 1, 7, 'four hexadecimal digits'],
    ['{"a":"tab\there"}', 1, 10, 'control character U+0009'],
    ['{"a":"open\n"}', 1, 6, 'unterminated string'],
    ['{"a":"open', 1, 6, 'unterminated string'],
    ['{}\n\n  x', 3, 3, 'after the JSON value'],
    ['// c\n{}', 1, 1, 'expected a JSON value'],
    ['\ufeff{}', 1, 1, 'U+FEFF'],
    ['{"a":tru}', 1, 6, 'expected a JSON value']
  ])('%j fails at %i:%i with %s', (text, line, column, fragment) => {
    const result = parseJson(text)
    expect(result.value).toBeUndefined()
    expect(result.error?.position).toMatchObject({ line, column })
    expect(result.error?.message).toContain(fragment)
  })

  it('enforces the depth limit', () => {
    expect(parseJson('['.repeat(64) + ']'.repeat(64)).error).toBeUndefined()
    const deep = parseJson('['.repeat(65) + ']'.repeat(65))
    expect(deep.error?.message).toBe('nesting is deeper than 64 levels')
    expect(deep.error?.position.column).toBe(65)
    expect(parseJson('{"a":'.repeat(10) + '1' + '}'.repeat(10), { maxDepth: 9 }).error?.message).toContain('deeper than 9')
  })

  it('enforces the length limit', () => {
    expect(parseJson('"' + 'x'.repeat(100) + '"', { maxLength: 50 }).error?.message).toBe('input is longer than 50 characters')
  })
})
