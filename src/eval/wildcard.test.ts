import { describe, expect, it } from 'vitest'
import { compileArnPattern, matchArnDynamic } from './arn.js'
import { compileGlob, compileStringGlob, globMatch, LITERAL_STAR } from './wildcard.js'

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
describe('glob matching', () => {
  const table: [string, string, boolean][] = [
    ['*', '', true],
    ['*', 'anything', true],
    ['', '', true],
    ['', 'x', false],
    ['abc', 'abc', true],
    ['abc', 'abcd', false],
    ['abc*', 'abc', true],
    ['abc*', 'abcdef', true],
    ['abc*', 'xabc', false],
    ['*abc', 'xxabc', true],
    ['*abc', 'abcx', false],
    ['*mid*', 'xxmidyy', true],
    ['*mid*', 'xxmiyy', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'aXbYd', false],
    ['*a*b*c*', 'zzazzbzzczz', true],
    ['a**b', 'ab', true],
    ['?', '', false],
    ['??*', 'ab', true],
    ['*.txt', 'dir/file.txt', true],
    ['home/*/docs', 'home/a/b/docs', true]
  ]
  for (const [pattern, subject, expected] of table) {
    it(`${JSON.stringify(pattern)} vs ${JSON.stringify(subject)} -> ${expected}`, () => {
      expect(globMatch(pattern, subject)).toBe(expected)
      expect(compileStringGlob(pattern)(subject)).toBe(expected)
    })
  }
  it('matches a range of the subject without slicing', () => {
    const m = compileGlob('b*')
    expect(m('abcd', 1, 3)).toBe(true)
    expect(m('abcd', 2, 4)).toBe(false)
    expect(compileGlob('*c')('abcd', 0, 3)).toBe(true)
    expect(compileGlob('*d*')('abcd', 0, 3)).toBe(false)
  })
  it('treats placeholders from policy variables as literal characters', () => {
    expect(globMatch(`a${LITERAL_STAR}`, 'a*')).toBe(true)
    expect(globMatch(`a${LITERAL_STAR}`, 'ab')).toBe(false)
  })
})

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
describe('ARN patterns', () => {
  const table: [string, string, boolean][] = [
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b:c', true],
    ['arn:aws:ec2:*:111122223333:instance/*', 'arn:aws:ec2:us-east-1:111122223333:instance/i-1', true],
    ['arn:aws:ec2:*:111122223333:instance/*', 'arn:aws:ec2:us-east-1:444455556666:instance/i-1', false],
    ['arn:aws:ec2:*::instance/*', 'arn:aws:ec2:us-east-1:111122223333:instance/i-1', false],
    ['arn:aws:iam::*:role/*', 'arn:aws:iam::111122223333:role/path/x', true],
    ['arn:aws:iam::111122223333:role/x', 'arn:aws:iam::111122223333:role/X', false],
    ['arn:aws:s3:*', 'arn:aws:s3:::b/k', true],
    ['arn:aws:s3', 'arn:aws:s3:::b/k', false],
    ['arn:*:s3:::b', 'arn:aws-cn:s3:::b', true],
    ['*', 'not-an-arn', true],
    ['arn:aws:s3:::b', 'not-an-arn', false]
  ]
  for (const [pattern, subject, expected] of table) {
    it(`${pattern} vs ${subject} -> ${expected}`, () => {
      expect(compileArnPattern(pattern)(subject)).toBe(expected)
      expect(matchArnDynamic(pattern, subject)).toBe(expected)
    })
  }
})
