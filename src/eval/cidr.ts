/**
 * IPv4 / IPv6 address and CIDR parsing for the IpAddress / NotIpAddress operators. A value
 * without a prefix length is a single address (/32 or /128), as the condition operator page
 * says. Addresses are kept as 4 or 16 bytes; an IPv4 CIDR never matches an IPv6 address.
 */

export interface Cidr {
  bytes: Uint8Array
  prefix: number
}

/** Parses `203.0.113.7`; undefined when malformed. */
export function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.')
  if (parts.length !== 4) return undefined
  const out = new Uint8Array(4)
  for (let i = 0; i < 4; i++) {
    const p = parts[i] as string
    if (!/^\d{1,3}$/.test(p)) return undefined
    const n = Number(p)
    if (n > 255) return undefined
    out[i] = n
  }
  return out
}

/** Parses an IPv6 address (with `::` compression and an optional dotted IPv4 tail); undefined when malformed. */
export function parseIpv6(text: string): Uint8Array | undefined {
  if (!text.includes(':')) return undefined
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const head = halves[0] ? (halves[0] as string).split(':') : []
  const tail = halves.length === 2 && halves[1] ? (halves[1] as string).split(':') : []
  const words: number[] = []
  const tailWords: number[] = []
  const push = (groups: string[], into: number[], allowV4Last: boolean): boolean => {
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i] as string
      if (allowV4Last && i === groups.length - 1 && g.includes('.')) {
        const v4 = parseIpv4(g)
        if (!v4) return false
        into.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number))
        continue
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return false
      into.push(parseInt(g, 16))
    }
    return true
  }
  if (!push(head, words, halves.length === 1)) return undefined
  if (!push(tail, tailWords, true)) return undefined
  if (halves.length === 1) {
    if (words.length !== 8) return undefined
  } else {
    if (words.length + tailWords.length > 7) return undefined
    while (words.length + tailWords.length < 8) words.push(0)
  }
  words.push(...tailWords)
  const out = new Uint8Array(16)
  for (let i = 0; i < 8; i++) {
    out[i * 2] = ((words[i] as number) >> 8) & 0xff
    out[i * 2 + 1] = (words[i] as number) & 0xff
  }
  return out
}

/** Parses an IPv4 or IPv6 address. */
export function parseIp(text: string): Uint8Array | undefined {
  const t = text.trim()
  return t.includes(':') ? parseIpv6(t) : parseIpv4(t)
}

/** Parses `203.0.113.0/24`, `2001:DB8::/32` or a bare address; undefined when malformed. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/')
  const addr = parseIp(slash < 0 ? text : text.slice(0, slash))
  if (!addr) return undefined
  const max = addr.length * 8
  if (slash < 0) return { bytes: addr, prefix: max }
  const prefixText = text.slice(slash + 1).trim()
  if (!/^\d{1,3}$/.test(prefixText)) return undefined
  const prefix = Number(prefixText)
  if (prefix > max) return undefined
  return { bytes: addr, prefix }
}

/** True when the address lies inside the CIDR block (same address family only). */
export function cidrContains(cidr: Cidr, addr: Uint8Array): boolean {
  if (cidr.bytes.length !== addr.length) return false
  const full = cidr.prefix >> 3
  for (let i = 0; i < full; i++) if (cidr.bytes[i] !== addr[i]) return false
  const rest = cidr.prefix & 7
  if (rest === 0) return true
  const mask = (0xff << (8 - rest)) & 0xff
  return (((cidr.bytes[full] as number) ^ (addr[full] as number)) & mask) === 0
}
