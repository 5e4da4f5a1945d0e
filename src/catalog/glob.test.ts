import { describe, expect, it } from 'vitest'
import { globMatches, hasWildcard } from './glob.js'

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
describe('globMatches', () => {
  it.each([
    ['get*', 'getobject', true],
    ['get*', 'putobject', false],
    ['*', '', true],
    ['*object', 'getobject', true],
    ['*object', 'getobjectacl', false],
    ['*object*', 'getobjectacl', true],
    ['?etobject', 'getobject', true],
    ['?etobject', 'etobject', false],
    ['get?bject', 'getobject', true],
    ['g*t*o*t', 'getobject', true],
    ['g*t*o*x', 'getobject', false],
    ['getobject', 'getobject', true],
    ['getobject', 'getobjects', false],
    ['', '', true],
    ['', 'a', false]
  ])('%s vs %s -> %s', (pattern, subject, expected) => {
    expect(globMatches(pattern, subject)).toBe(expected)
  })

  it('detects wildcards', () => {
    expect(hasWildcard('s3:Get*')).toBe(true)
    expect(hasWildcard('s3:?')).toBe(true)
    expect(hasWildcard('s3:GetObject')).toBe(false)
  })
})
