/**
 * Edits the AWS shared config and credentials files (INI) in place: one section's keys are
 * set, everything else (other profiles, comments, order, unknown keys) is kept as it was.
 * Nested values (`iam =` followed by indented `endpoint_url = ...`) are botocore's
 * `services` section format.
 */

export interface IniEntry {
  key: string
  /** A plain value, or nested `sub = value` lines (services sections). */
  value: string | Record<string, string>
}

const HEADER = /^\s*\[([^\]]*)\]\s*(?:[#;].*)?$/
const norm = (header: string) => header.trim().replace(/\s+/g, ' ')

function render(entry: IniEntry): string[] {
  if (typeof entry.value === 'string') return [`${entry.key} = ${entry.value}`]
  return [`${entry.key} =`, ...Object.entries(entry.value).map(([k, v]) => `  ${k} = ${v}`)]
}

/** The section names in a file, in order (`default`, `profile x`, `services y`, ...). */
export function sectionNames(text: string): string[] {
  return text.split(/\r?\n/).flatMap((l) => {
    const m = HEADER.exec(l)
    return m ? [norm(m[1]!)] : []
  })
}

/** The top-level `key = value` pairs of one section, or undefined when there is no such section. */
export function readSection(text: string, section: string): Record<string, string> | undefined {
  const lines = text.split(/\r?\n/)
  const start = lines.findIndex((l) => HEADER.exec(l)?.[1] !== undefined && norm(HEADER.exec(l)![1]!) === section)
  if (start < 0) return undefined
  const out: Record<string, string> = {}
  for (let i = start + 1; i < lines.length && !HEADER.test(lines[i]!); i++) {
    const m = /^([^\s=#;][^=]*?)\s*=\s*(.*)$/.exec(lines[i]!)
    if (m) out[m[1]!] = m[2]!
  }
  return out
}

/** Sets `entries` in `section` (created at the end if missing); returns the new text. */
export function setSection(text: string, section: string, entries: IniEntry[]): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n'
  const lines = text === '' ? [] : text.replace(/\r?\n$/, '').split(/\r?\n/)
  let start = lines.findIndex((l) => {
    const m = HEADER.exec(l)
    return m !== null && norm(m[1]!) === section
  })
  if (start < 0) {
    if (lines.length > 0 && lines[lines.length - 1]!.trim() !== '') lines.push('')
    lines.push(`[${section}]`, ...entries.flatMap(render))
    return lines.join(eol) + eol
  }
  for (const entry of entries) {
    let end = start + 1
    while (end < lines.length && !HEADER.test(lines[end]!)) end++
    // A top-level key starts at column 0; its nested lines are indented under it.
    let at = -1
    for (let i = start + 1; i < end; i++) {
      const m = /^([^\s=#;][^=]*?)\s*=/.exec(lines[i]!)
      if (m && m[1] === entry.key) {
        at = i
        break
      }
    }
    if (at >= 0) {
      let extent = at + 1
      while (extent < end && /^\s+\S/.test(lines[extent]!) && !/^\s*[#;]/.test(lines[extent]!)) extent++
      lines.splice(at, extent - at, ...render(entry))
    } else {
      let last = end - 1
      while (last > start && lines[last]!.trim() === '') last--
      lines.splice(last + 1, 0, ...render(entry))
    }
    start = lines.findIndex((l) => {
      const m = HEADER.exec(l)
      return m !== null && norm(m[1]!) === section
    })
  }
  return lines.join(eol) + eol
}

/** The nested `sub = value` lines under `key =` in one section (services sections). */
export function readNested(text: string, section: string, key: string): Record<string, string> | undefined {
  const lines = text.split(/\r?\n/)
  const start = lines.findIndex((l) => {
    const m = HEADER.exec(l)
    return m !== null && norm(m[1]!) === section
  })
  if (start < 0) return undefined
  for (let i = start + 1; i < lines.length && !HEADER.test(lines[i]!); i++) {
    const m = /^([^\s=#;][^=]*?)\s*=\s*$/.exec(lines[i]!)
    if (!m || m[1] !== key) continue
    const out: Record<string, string> = {}
    for (let j = i + 1; j < lines.length && /^\s+\S/.test(lines[j]!); j++) {
      const n = /^\s+([^=]+?)\s*=\s*(.*)$/.exec(lines[j]!)
      if (n) out[n[1]!] = n[2]!
    }
    return out
  }
  return undefined
}
