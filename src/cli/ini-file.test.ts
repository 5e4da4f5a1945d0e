import { describe, expect, it } from 'vitest'
import { readNested, readSection, sectionNames, setSection } from './ini-file.js'

const CONFIG = `# my settings
[default]
region = eu-west-1

[profile warden]
# written by hand
region = us-west-2
output = json
services = old
  iam = x

[profile work]
region = us-east-2
`

describe('AWS config files', () => {
  it('set keys in place: other keys, comments and sections untouched', () => {
    const next = setSection(CONFIG, 'profile warden', [
      { key: 'region', value: 'us-east-1' },
      { key: 'services', value: 'warden' },
      { key: 'role_arn', value: 'arn:aws:iam::123456789012:role/r' }
    ])
    expect(next).toBe(`# my settings
[default]
region = eu-west-1

[profile warden]
# written by hand
region = us-east-1
output = json
services = warden
role_arn = arn:aws:iam::123456789012:role/r

[profile work]
region = us-east-2
`)
    expect(setSection(next, 'profile warden', [{ key: 'region', value: 'us-east-1' }])).toBe(next)
  })

  it('append a missing section, with nested services entries', () => {
    const next = setSection(CONFIG, 'services warden', [{ key: 'iam', value: { endpoint_url: 'http://127.0.0.1:4590' } }, { key: 'sts', value: { endpoint_url: 'http://127.0.0.1:4590' } }])
    expect(next.endsWith('region = us-east-2\n\n[services warden]\niam =\n  endpoint_url = http://127.0.0.1:4590\nsts =\n  endpoint_url = http://127.0.0.1:4590\n')).toBe(true)
    expect(readNested(next, 'services warden', 'sts')).toEqual({ endpoint_url: 'http://127.0.0.1:4590' })
    const moved = setSection(next, 'services warden', [{ key: 'iam', value: { endpoint_url: 'http://other:1' } }])
    expect(readNested(moved, 'services warden', 'iam')).toEqual({ endpoint_url: 'http://other:1' })
    expect(readNested(moved, 'services warden', 'sts')).toEqual({ endpoint_url: 'http://127.0.0.1:4590' })
  })

  it('read sections and keep CRLF files CRLF', () => {
    expect(sectionNames(CONFIG)).toEqual(['default', 'profile warden', 'profile work'])
    expect(readSection(CONFIG, 'profile work')).toEqual({ region: 'us-east-2' })
    expect(readSection(CONFIG, 'profile none')).toBeUndefined()
    const crlf = '[a]\r\nx = 1\r\n'
    expect(setSection(crlf, 'a', [{ key: 'y', value: '2' }])).toBe('[a]\r\nx = 1\r\ny = 2\r\n')
    expect(setSection('', 'a', [{ key: 'y', value: '2' }])).toBe('[a]\ny = 2\n')
  })
})
