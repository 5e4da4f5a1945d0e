import { describe, expect, it } from 'vitest'
import { formatLogLine, type LogRecord } from './log-line.js'

describe('formatLogLine', () => {
  it('is exactly JSON.stringify of the record, for usual and hostile values', () => {
    const base: LogRecord = { time: '2026-11-30T19:00:00.000Z', requestId: '6d1b7e9e-0c3a-4b5e-9f43-2f0c1d7a9b11', method: 'POST', path: '/' }
    const records: LogRecord[] = [
      base,
      { ...base, principal: 'arn:aws:iam::123456789012:user/ml/dev', service: 'sts', action: 'sts:GetCallerIdentity', decision: 'Allow', status: 200, ms: 0.42 },
      { ...base, path: '/x"y\\z\n\u0001\u2028é✓', principal: 'arn:aws:sts::123456789012:assumed-role/r/a+b=c,d.e@f-g', status: 403, code: 'AccessDenied', ms: 12 },
      { ...base, path: 'lone \ud800 surrogate', method: 'GET', status: 404, ms: 0 },
      { ...base, status: 500, code: 'InternalFailure' }
    ]
    for (const r of records) {
      expect(formatLogLine(r)).toBe(JSON.stringify(r))
      expect(JSON.parse(formatLogLine(r))).toEqual(r)
    }
  })
})
