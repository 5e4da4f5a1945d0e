import { describe, expect, it } from 'vitest'
import { isIamError } from '../shared/errors.js'
import { contextFromEntries } from './context-entries.js'
import type { ContextEntryInput } from './shapes.js'

function rejects(entries: ContextEntryInput[], message: RegExp): void {
  try {
    contextFromEntries(entries)
  } catch (e) {
    expect(isIamError(e, 'InvalidInput')).toBe(true)
    expect((e as Error).message).toMatch(message)
    return
  }
  throw new Error('expected InvalidInput')
}

describe('contextFromEntries', () => {
  it('converts every ContextKeyType: scalars to one value, ...List types to multivalued keys', () => {
    const ctx = contextFromEntries([
      { ContextKeyName: 'aws:username', ContextKeyType: 'string', ContextKeyValues: ['alice'] },
      { ContextKeyName: 'aws:TagKeys', ContextKeyType: 'stringList', ContextKeyValues: ['team', 'project'] },
      { ContextKeyName: 'aws:MultiFactorAuthAge', ContextKeyType: 'numeric', ContextKeyValues: [' 300 '] },
      { ContextKeyName: 'ec2:ports', ContextKeyType: 'numericList', ContextKeyValues: ['22', '1.5e3'] },
      { ContextKeyName: 'aws:SecureTransport', ContextKeyType: 'boolean', ContextKeyValues: ['TRUE'] },
      { ContextKeyName: 'x:flags', ContextKeyType: 'booleanList', ContextKeyValues: ['true', 'False'] },
      { ContextKeyName: 'aws:SourceIp', ContextKeyType: 'ip', ContextKeyValues: ['203.0.113.7'] },
      { ContextKeyName: 'x:ips', ContextKeyType: 'ipList', ContextKeyValues: ['10.0.0.1', '2001:db8::1'] },
      { ContextKeyName: 'x:blob', ContextKeyType: 'binary', ContextKeyValues: ['QmluYXJ5'] },
      { ContextKeyName: 'x:blobs', ContextKeyType: 'binaryList', ContextKeyValues: ['QQ==', 'Qg=='] },
      { ContextKeyName: 'aws:CurrentTime', ContextKeyType: 'date', ContextKeyValues: ['2019-04-25T11:00:00Z'] },
      { ContextKeyName: 'x:dates', ContextKeyType: 'dateList', ContextKeyValues: ['2020-01-01', '1577836801'] },
      { ContextKeyName: 'x:none', ContextKeyType: 'stringList', ContextKeyValues: [] },
      { ContextKeyName: 'x:one', ContextKeyType: 'stringList', ContextKeyValues: ['only'] }
    ])
    expect(ctx).toEqual({
      'aws:username': 'alice',
      'aws:TagKeys': ['team', 'project'],
      'aws:MultiFactorAuthAge': '300',
      'ec2:ports': ['22', '1.5e3'],
      'aws:SecureTransport': 'true',
      'x:flags': ['true', 'false'],
      'aws:SourceIp': '203.0.113.7',
      'x:ips': ['10.0.0.1', '2001:db8::1'],
      'x:blob': 'QmluYXJ5',
      'x:blobs': ['QQ==', 'Qg=='],
      'aws:CurrentTime': '2019-04-25T11:00:00Z',
      'x:dates': ['2020-01-01', '1577836801'],
      'x:none': [],
      'x:one': ['only']
    })
    expect(contextFromEntries(undefined)).toEqual({})
  })

  it('refuses values the type cannot hold', () => {
    rejects([{ ContextKeyName: 'a:n', ContextKeyType: 'numeric', ContextKeyValues: ['ten'] }], /Invalid value 'ten' for context key a:n of type numeric/)
    rejects([{ ContextKeyName: 'a:n', ContextKeyType: 'numericList', ContextKeyValues: ['1', 'x'] }], /'x'.*numericList/)
    rejects([{ ContextKeyName: 'a:b', ContextKeyType: 'boolean', ContextKeyValues: ['yes'] }], /'yes'/)
    rejects([{ ContextKeyName: 'a:i', ContextKeyType: 'ip', ContextKeyValues: ['10.0.0.300'] }], /'10.0.0.300'/)
    rejects([{ ContextKeyName: 'a:i', ContextKeyType: 'ipList', ContextKeyValues: ['10.0.0.0/8'] }], /'10.0.0.0\/8'/)
    rejects([{ ContextKeyName: 'a:x', ContextKeyType: 'binary', ContextKeyValues: ['not base64!'] }], /'not base64!'/)
    rejects([{ ContextKeyName: 'a:d', ContextKeyType: 'date', ContextKeyValues: ['yesterday'] }], /'yesterday'/)
    rejects([{ ContextKeyName: 'a:d', ContextKeyType: 'dateList', ContextKeyValues: ['2020-13-45T99:00:00Z'] }], /dateList/)
  })

  it('refuses a scalar type without exactly one value, a missing name or type, and a repeated key', () => {
    rejects([{ ContextKeyName: 'a:s', ContextKeyType: 'string', ContextKeyValues: ['1', '2'] }], /takes exactly one value, not 2; use stringList/)
    rejects([{ ContextKeyName: 'a:s', ContextKeyType: 'string', ContextKeyValues: [] }], /exactly one value, not 0/)
    rejects([{ ContextKeyType: 'string', ContextKeyValues: ['1'] }], /ContextKeyName is required/)
    rejects([{ ContextKeyName: 'a:s', ContextKeyValues: ['1'] }], /ContextKeyType is required for context key a:s/)
    rejects([
      { ContextKeyName: 'aws:SourceIp', ContextKeyType: 'ip', ContextKeyValues: ['10.0.0.1'] },
      { ContextKeyName: 'AWS:sourceip', ContextKeyType: 'ip', ContextKeyValues: ['10.0.0.2'] }
    ], /AWS:sourceip is given more than once/)
  })
})
