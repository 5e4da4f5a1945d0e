import { describe, expect, it } from 'vitest'
import { cidrContains, parseCidr, parseIp } from './cidr.js'

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
describe('IP and CIDR parsing', () => {
  it('parses IPv4 addresses', () => {
    expect([...(parseIp('203.0.113.7') ?? [])]).toEqual([203, 0, 113, 7])
    expect(parseIp('256.0.0.1')).toBeUndefined()
    expect(parseIp('1.2.3')).toBeUndefined()
    expect(parseIp('1.2.3.4.5')).toBeUndefined()
    expect(parseIp('a.b.c.d')).toBeUndefined()
  })
  it('parses IPv6 addresses with compression and IPv4 tails', () => {
    expect(parseIp('2001:db8::1')?.length).toBe(16)
    expect([...(parseIp('::1') ?? [])]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
    expect([...(parseIp('::') ?? [])].every((b) => b === 0)).toBe(true)
    expect([...(parseIp('::ffff:192.0.2.1') ?? [])].slice(10)).toEqual([0xff, 0xff, 192, 0, 2, 1])
    expect(parseIp('2001:DB8:0:0:0:0:0:1')).toEqual(parseIp('2001:db8::1'))
    expect(parseIp('1::2::3')).toBeUndefined()
    expect(parseIp('12345::')).toBeUndefined()
    expect(parseIp('1:2:3:4:5:6:7')).toBeUndefined()
    expect(parseIp('1:2:3:4:5:6:7:8:9')).toBeUndefined()
  })
  it('parses CIDR blocks and bare addresses', () => {
    expect(parseCidr('203.0.113.0/24')?.prefix).toBe(24)
    expect(parseCidr('203.0.113.5')?.prefix).toBe(32)
    expect(parseCidr('2001:DB8:1234:5678::/64')?.prefix).toBe(64)
    expect(parseCidr('2001:db8::1')?.prefix).toBe(128)
    expect(parseCidr('10.0.0.0/33')).toBeUndefined()
    expect(parseCidr('10.0.0.0/x')).toBeUndefined()
    expect(parseCidr('::/129')).toBeUndefined()
  })
  const inside: [string, string, boolean][] = [
    ['203.0.113.0/24', '203.0.113.255', true],
    ['203.0.113.0/24', '203.0.112.255', false],
    ['10.0.2.0/23', '10.0.3.1', true],
    ['10.0.2.0/23', '10.0.4.1', false],
    ['0.0.0.0/0', '1.2.3.4', true],
    ['1.2.3.4', '1.2.3.4', true],
    ['2001:db8::/32', '2001:db8:ffff::1', true],
    ['2001:db8::/33', '2001:db8:8000::1', false],
    ['::/0', '2001:db8::1', true],
    ['0.0.0.0/0', '::1', false],
    ['::/0', '1.2.3.4', false]
  ]
  for (const [cidr, ip, expected] of inside) {
    it(`${ip} in ${cidr} -> ${expected}`, () => {
      const c = parseCidr(cidr)
      const a = parseIp(ip)
      expect(c && a && cidrContains(c, a)).toBe(expected)
    })
  }
})
