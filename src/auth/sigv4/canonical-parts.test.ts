/**
 * The canonicalisation steps on their own, on cases the AWS suite does not reach.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
import { describe, expect, it } from 'vitest'
import { formatAmzDate, parseAmzDate, parseHttpDate } from './amz-date.js'
import { canonicalHeaderValue, canonicalHeaderValues } from './get-canonical-headers.js'
import { getCanonicalQuery, parseRawQuery } from './get-canonical-query.js'
import { getCanonicalUri } from './get-canonical-uri.js'
import { parseAuthorizationHeader } from './parse-authorization-header.js'
import { canonicalizeQueryComponent, decodeQueryComponent, uriEncode } from './uri-encode.js'

describe('uriEncode / canonicalizeQueryComponent', () => {
  it('encodes everything but the unreserved set, upper-case hex over UTF-8', () => {
    expect(uriEncode("a b+c/~*'()!é")).toBe('a%20b%2Bc%2F~%2A%27%28%29%21%C3%A9')
    expect(uriEncode('/a b/', true)).toBe('/a%20b/')
  })

  it('re-encodes wire components: escapes normalised, unreserved escapes decoded, + as space', () => {
    expect(canonicalizeQueryComponent('%7e%41%2f%e1%88%b4')).toBe('~A%2F%E1%88%B4')
    expect(canonicalizeQueryComponent('a+b')).toBe('a%20b')
    expect(canonicalizeQueryComponent('100%')).toBe('100%25')
    expect(canonicalizeQueryComponent('%zz')).toBe('%25zz')
  })

  it('decodes components for reading, tolerating malformed escapes', () => {
    expect(decodeQueryComponent('AKID%2F20240517%2Fus-east-1')).toBe('AKID/20240517/us-east-1')
    expect(decodeQueryComponent('a+b%2B')).toBe('a b+')
    expect(decodeQueryComponent('50%%2F')).toBe('50%/')
  })
})

describe('getCanonicalUri', () => {
  it.each([
    ['', '/'],
    ['/', '/'],
    ['//', '/'],
    ['/a/./b/../c/', '/a/c/'],
    ['/../..', '/'],
    ['/a%20b', '/a%2520b'],
    ['/users/ml engineer', '/users/ml%20engineer']
  ])('%j -> %j', (path, expected) => {
    expect(getCanonicalUri(path)).toBe(expected)
  })
})

describe('getCanonicalQuery', () => {
  it('sorts by key then value, keeps empty values, skips empty pairs', () => {
    expect(getCanonicalQuery(parseRawQuery('b=2&a=2&a=1&&c'))).toBe('a=1&a=2&b=2&c=')
  })

  it('sorts by the encoded form, so upper case sorts before lower case', () => {
    expect(getCanonicalQuery(parseRawQuery('param=1&Param=2'))).toBe('Param=2&param=1')
  })

  it('leaves the excluded parameter out', () => {
    expect(getCanonicalQuery(parseRawQuery('X-Amz-Signature=abc&A=1'), 'X-Amz-Signature')).toBe('A=1')
  })
})

describe('canonical header values', () => {
  it('trims and collapses whitespace, including folded lines and tabs', () => {
    expect(canonicalHeaderValue('  a   b\t\tc \n d  ')).toBe('a b c d')
    expect(canonicalHeaderValue('"a   b"')).toBe('"a b"')
    expect(canonicalHeaderValue('plain value')).toBe('plain value')
  })

  it('joins repeated headers with commas, in order', () => {
    expect(canonicalHeaderValues(['value2', ' value2 ', 'value1'])).toBe('value2,value2,value1')
  })
})

describe('amz dates', () => {
  it('parses only real ISO-8601 basic instants', () => {
    expect(parseAmzDate('20150830T123600Z')?.toISOString()).toBe('2015-08-30T12:36:00.000Z')
    expect(parseAmzDate('20150230T123600Z')).toBeUndefined()
    expect(parseAmzDate('20150830T123600')).toBeUndefined()
    expect(parseAmzDate('2015083OT123600Z')).toBeUndefined()
  })

  it('parses the HTTP Date header and formats back', () => {
    const date = parseHttpDate('Sun, 30 Aug 2015 12:36:00 GMT')!
    expect(formatAmzDate(date)).toBe('20150830T123600Z')
  })
})

describe('parseAuthorizationHeader', () => {
  it('tolerates any mix of commas and spaces between parameters', () => {
    const header = 'AWS4-HMAC-SHA256   Credential=AKID/20150830/us-east-1/iam/aws4_request,SignedHeaders=host;x-amz-date ,  Signature=abc'
    expect(parseAuthorizationHeader(header, true)).toEqual({ credential: 'AKID/20150830/us-east-1/iam/aws4_request', signedHeaders: 'host;x-amz-date', signature: 'abc' })
  })

  it('takes the last of a repeated parameter', () => {
    expect(parseAuthorizationHeader('AWS4-HMAC-SHA256 Credential=a, Credential=b, SignedHeaders=host, Signature=s', true)).toMatchObject({ credential: 'b' })
  })
})
