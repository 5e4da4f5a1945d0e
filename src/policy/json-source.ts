/**
 * A strict (RFC 8259) JSON parser that keeps source positions. Policy validation needs the
 * line and column of every element (the simulator reports StartPosition / EndPosition),
 * which `JSON.parse` cannot give. It never throws and never recurses deeper than
 * `maxDepth`, so hostile input costs at most one linear pass.
 */
import type { SourcePosition, SourceRange } from './model.js'

export interface JsonObjectNode {
  type: 'object'
  /** Members in document order, duplicates included (lookups take the last one, as Jackson does). */
  members: JsonMember[]
  range: SourceRange
}

export interface JsonMember {
  key: string
  keyRange: SourceRange
  value: JsonNode
}

export interface JsonArrayNode {
  type: 'array'
  items: JsonNode[]
  range: SourceRange
}

export interface JsonStringNode {
  type: 'string'
  value: string
  range: SourceRange
}

export interface JsonNumberNode {
  type: 'number'
  value: number
  /** The number exactly as written, e.g. `1.50` (condition values keep this form). */
  raw: string
  range: SourceRange
}

export interface JsonBooleanNode {
  type: 'boolean'
  value: boolean
  range: SourceRange
}

export interface JsonNullNode {
  type: 'null'
  range: SourceRange
}

export type JsonNode = JsonObjectNode | JsonArrayNode | JsonStringNode | JsonNumberNode | JsonBooleanNode | JsonNullNode

export interface JsonSyntaxError {
  message: string
  position: SourcePosition
}

export interface JsonDuplicateKey {
  key: string
  /** Range of the repeated (later) key. */
  keyRange: SourceRange
  /** Range of the earlier occurrence of the same key. */
  firstKeyRange: SourceRange
  /** The object that holds both. */
  object: JsonObjectNode
}

export interface JsonParseResult {
  /** The document, or undefined when there is a syntax error. */
  value: JsonNode | undefined
  error: JsonSyntaxError | undefined
  duplicateKeys: JsonDuplicateKey[]
}

export interface JsonParseOptions {
  /** Deepest allowed nesting of objects and arrays (default 64). */
  maxDepth?: number
  /** Longest accepted input, in UTF-16 code units (default 8 MiB). */
  maxLength?: number
}

export const DEFAULT_MAX_DEPTH = 64
export const DEFAULT_MAX_LENGTH = 8 * 1024 * 1024

/** Thrown only inside this module to unwind the recursive descent; never escapes it. */
class Stop {
  constructor(readonly error: JsonSyntaxError) {}
}

const CH_TAB = 0x09
const CH_LF = 0x0a
const CH_CR = 0x0d
const CH_SPACE = 0x20
const CH_QUOTE = 0x22
const CH_COMMA = 0x2c
const CH_MINUS = 0x2d
const CH_DOT = 0x2e
const CH_ZERO = 0x30
const CH_NINE = 0x39
const CH_COLON = 0x3a
const CH_LBRACKET = 0x5b
const CH_BACKSLASH = 0x5c
const CH_RBRACKET = 0x5d
const CH_LBRACE = 0x7b
const CH_RBRACE = 0x7d

const INVISIBLE = /^[\p{Cc}\p{Cf}\p{Z}\p{Cs}]$/u

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }

class Parser {
  private pos = 0
  private line = 1
  private lineStart = 0
  readonly duplicateKeys: JsonDuplicateKey[] = []

  constructor(
    private readonly text: string,
    private readonly maxDepth: number
  ) {}

  parseDocument(): JsonNode {
    this.skipWhitespace()
    const value = this.parseValue(0)
    this.skipWhitespace()
    if (this.pos < this.text.length) this.fail(`unexpected ${this.describeHere()} after the JSON value`)
    return value
  }

  private here(): SourcePosition {
    return { line: this.line, column: this.pos - this.lineStart + 1, offset: this.pos }
  }

  private fail(message: string, at: SourcePosition = this.here()): never {
    throw new Stop({ message, position: at })
  }

  private describeHere(): string {
    if (this.pos >= this.text.length) return 'end of input'
    const cp = this.text.codePointAt(this.pos) ?? 0
    const ch = String.fromCodePoint(cp)
    // Invisible characters (a byte order mark, a no-break space) are named by code point.
    if (INVISIBLE.test(ch)) return `character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`
    return `character \`${ch}\``
  }

  // Raw line breaks are only legal in whitespace, so line tracking lives here alone.
  private skipWhitespace(): void {
    const text = this.text
    let pos = this.pos
    for (;;) {
      const c = text.charCodeAt(pos)
      if (c === CH_SPACE || c === CH_TAB) {
        pos++
      } else if (c === CH_LF) {
        pos++
        this.line++
        this.lineStart = pos
      } else if (c === CH_CR) {
        pos++
        if (text.charCodeAt(pos) === CH_LF) pos++
        this.line++
        this.lineStart = pos
      } else {
        break
      }
    }
    this.pos = pos
  }

  private parseValue(depth: number): JsonNode {
    const c = this.text.charCodeAt(this.pos)
    if (c === CH_LBRACE) return this.parseObject(depth + 1)
    if (c === CH_LBRACKET) return this.parseArray(depth + 1)
    if (c === CH_QUOTE) {
      const start = this.here()
      const value = this.parseString()
      return { type: 'string', value, range: { start, end: this.here() } }
    }
    if (c === CH_MINUS || (c >= CH_ZERO && c <= CH_NINE)) return this.parseNumber()
    if (this.text.startsWith('true', this.pos)) return this.literal('boolean', 4, true)
    if (this.text.startsWith('false', this.pos)) return this.literal('boolean', 5, false)
    if (this.text.startsWith('null', this.pos)) return this.literal('null', 4, null)
    this.fail(`unexpected ${this.describeHere()}, expected a JSON value`)
  }

  private literal(type: 'boolean' | 'null', length: number, value: boolean | null): JsonNode {
    const start = this.here()
    this.pos += length
    const range = { start, end: this.here() }
    return type === 'null' ? { type, range } : { type, value: value === true, range }
  }

  private enter(depth: number): void {
    if (depth > this.maxDepth) this.fail(`nesting is deeper than ${this.maxDepth} levels`)
  }

  private parseObject(depth: number): JsonObjectNode {
    this.enter(depth)
    const start = this.here()
    this.pos++
    const members: JsonMember[] = []
    // Most objects are small; a Map only pays off past a handful of keys.
    let seen: Map<string, SourceRange> | undefined
    let duplicates: { key: string; keyRange: SourceRange; firstKeyRange: SourceRange }[] | undefined
    this.skipWhitespace()
    if (this.text.charCodeAt(this.pos) === CH_RBRACE) {
      this.pos++
      return { type: 'object', members, range: { start, end: this.here() } }
    }
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== CH_QUOTE) this.fail(`unexpected ${this.describeHere()}, expected a string key`)
      const keyStart = this.here()
      const key = this.parseString()
      const keyRange = { start: keyStart, end: this.here() }
      this.skipWhitespace()
      if (this.text.charCodeAt(this.pos) !== CH_COLON) this.fail(`unexpected ${this.describeHere()}, expected \`:\` after an object key`)
      this.pos++
      this.skipWhitespace()
      const value = this.parseValue(depth)
      const first = seen !== undefined ? seen.get(key) : findKey(members, key)
      if (first !== undefined) (duplicates ??= []).push({ key, keyRange, firstKeyRange: first })
      members.push({ key, keyRange, value })
      if (seen !== undefined) {
        if (first === undefined) seen.set(key, keyRange)
      } else if (members.length === 16) {
        seen = new Map()
        for (let i = members.length - 1; i >= 0; i--) {
          const m = members[i] as JsonMember
          seen.set(m.key, m.keyRange)
        }
      }
      this.skipWhitespace()
      const c = this.text.charCodeAt(this.pos)
      if (c === CH_COMMA) {
        this.pos++
        this.skipWhitespace()
        continue
      }
      if (c === CH_RBRACE) {
        this.pos++
        const object: JsonObjectNode = { type: 'object', members, range: { start, end: this.here() } }
        if (duplicates !== undefined) for (const d of duplicates) this.duplicateKeys.push({ ...d, object })
        return object
      }
      this.fail(`unexpected ${this.describeHere()}, expected \`,\` or \`}\``)
    }
  }

  private parseArray(depth: number): JsonArrayNode {
    this.enter(depth)
    const start = this.here()
    this.pos++
    const items: JsonNode[] = []
    this.skipWhitespace()
    if (this.text.charCodeAt(this.pos) === CH_RBRACKET) {
      this.pos++
      return { type: 'array', items, range: { start, end: this.here() } }
    }
    for (;;) {
      items.push(this.parseValue(depth))
      this.skipWhitespace()
      const c = this.text.charCodeAt(this.pos)
      if (c === CH_COMMA) {
        this.pos++
        this.skipWhitespace()
        continue
      }
      if (c === CH_RBRACKET) {
        this.pos++
        return { type: 'array', items, range: { start, end: this.here() } }
      }
      this.fail(`unexpected ${this.describeHere()}, expected \`,\` or \`]\``)
    }
  }

  /** Reads a string starting at the opening quote; leaves `pos` after the closing quote. */
  private parseString(): string {
    const text = this.text
    const start = this.here()
    let pos = this.pos + 1
    let chunkStart = pos
    let out = ''
    for (;;) {
      const c = text.charCodeAt(pos)
      if (c === CH_QUOTE) {
        out += text.slice(chunkStart, pos)
        this.pos = pos + 1
        return out
      }
      if (c === CH_BACKSLASH) {
        out += text.slice(chunkStart, pos)
        const e = text[pos + 1]
        if (e === 'u') {
          const hex = text.slice(pos + 2, pos + 6)
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            this.pos = pos
            this.fail('invalid `\\u` escape in string: expected four hexadecimal digits')
          }
          out += String.fromCharCode(parseInt(hex, 16))
          pos += 6
        } else {
          const decoded = e === undefined ? undefined : ESCAPES[e]
          if (decoded === undefined) {
            this.pos = pos
            if (pos + 1 >= text.length) this.fail('unterminated string', start)
            this.fail(`invalid escape \`\\${e ?? ''}\` in string`)
          }
          out += decoded
          pos += 2
        }
        chunkStart = pos
        continue
      }
      if (c < 0x20 || Number.isNaN(c)) {
        this.pos = pos
        if (Number.isNaN(c) || c === CH_LF || c === CH_CR) this.fail('unterminated string', start)
        this.fail(`unescaped control character U+${c.toString(16).toUpperCase().padStart(4, '0')} in string`)
      }
      pos++
    }
  }

  private parseNumber(): JsonNumberNode {
    const text = this.text
    const start = this.here()
    let pos = this.pos
    const digits = (): number => {
      const from = pos
      while (pos < text.length && text.charCodeAt(pos) >= CH_ZERO && text.charCodeAt(pos) <= CH_NINE) pos++
      return pos - from
    }
    const failAt = (message: string): never => {
      this.pos = pos
      this.fail(message)
    }
    if (text.charCodeAt(pos) === CH_MINUS) pos++
    if (text.charCodeAt(pos) === CH_ZERO) {
      pos++
      const next = text.charCodeAt(pos)
      if (next >= CH_ZERO && next <= CH_NINE) failAt('leading zeros are not allowed in numbers')
    } else if (digits() === 0) {
      failAt('expected a digit in number')
    }
    if (text.charCodeAt(pos) === CH_DOT) {
      pos++
      if (digits() === 0) failAt('expected a digit after the decimal point')
    }
    const e = text.charCodeAt(pos)
    if (e === 0x65 || e === 0x45) {
      pos++
      const sign = text.charCodeAt(pos)
      if (sign === 0x2b || sign === CH_MINUS) pos++
      if (digits() === 0) failAt('expected a digit in the exponent')
    }
    const raw = text.slice(this.pos, pos)
    this.pos = pos
    return { type: 'number', value: Number(raw), raw, range: { start, end: this.here() } }
  }
}

/** First occurrence of `key` in a small member list (cheaper than a Map below ~16 keys). */
function findKey(members: JsonMember[], key: string): SourceRange | undefined {
  for (let i = 0; i < members.length; i++) {
    const m = members[i] as JsonMember
    if (m.key === key) return m.keyRange
  }
  return undefined
}

/** Parses JSON text into a node tree with source ranges; syntax errors come back as data. */
export function parseJson(text: string, options: JsonParseOptions = {}): JsonParseResult {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH
  if (text.length > maxLength) {
    return {
      value: undefined,
      error: { message: `input is longer than ${maxLength} characters`, position: { line: 1, column: 1, offset: 0 } },
      duplicateKeys: []
    }
  }
  const parser = new Parser(text, options.maxDepth ?? DEFAULT_MAX_DEPTH)
  try {
    const value = parser.parseDocument()
    return { value, error: undefined, duplicateKeys: parser.duplicateKeys }
  } catch (e) {
    if (e instanceof Stop) return { value: undefined, error: e.error, duplicateKeys: parser.duplicateKeys }
    // A RangeError from string building on absurd input is still user input, not a bug.
    return { value: undefined, error: { message: String(e), position: { line: 1, column: 1, offset: 0 } }, duplicateKeys: [] }
  }
}

/** The last member with this key (JSON readers such as Jackson keep the last duplicate). */
export function getMember(node: JsonObjectNode, key: string): JsonMember | undefined {
  const members = node.members
  for (let i = members.length - 1; i >= 0; i--) {
    const m = members[i]
    if (m !== undefined && m.key === key) return m
  }
  return undefined
}
