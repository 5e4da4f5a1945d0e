import { describe, expect, it } from 'vitest'
import { parseForm } from './parse-query.js'

/** What URLSearchParams makes of a text, last value of a repeated name winning. */
function reference(text: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of new URLSearchParams(text)) out.set(k, v)
  return out
}

describe('parseForm', () => {
  it('reads forms exactly as URLSearchParams does, malformed escapes and invalid UTF-8 included', () => {
    const cases = [
      '', '?', '?Action=GetRole', 'Action=GetRole&Version=2010-05-08', 'a=1&a=2', 'a', 'a=', '=b', '&&a=1&&', 'a==b',
      'RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fbench&RoleSessionName=s', 'x=a+b%20c', 'x=%', 'x=%zz&y=1', 'x=%C3%A9',
      'x=%C3', 'x=%FF%FE', 'x=%E2%82', 'T%61gs.member.1.Key=k', 'x=%25', 'x=✓&✓=y', 'x=\ud800'
    ]
    for (const c of cases) expect(parseForm(c), c).toEqual(reference(c))
  })

  it('agrees with URLSearchParams on random texts from a form-heavy alphabet', () => {
    const alphabet = ['a', 'B', '1', '=', '&', '%', '+', '2', '0', 'C', '3', 'A', '9', 'F', 'e', '.', '?', '✓', ' ']
    let seed = 2026
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return seed % n
    }
    for (let i = 0; i < 5000; i++) {
      let text = ''
      for (let j = rand(40); j > 0; j--) text += alphabet[rand(alphabet.length)]
      expect(parseForm(text), JSON.stringify(text)).toEqual(reference(text))
    }
  })
})
