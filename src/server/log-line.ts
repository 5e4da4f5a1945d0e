/**
 * One request's log line: a JSON object with the fields in a fixed order, absent ones left
 * out. Written by hand rather than by JSON.stringify of the record, which costs about a
 * microsecond per request; only the path and the principal can hold characters that need
 * escaping (both come from the client), and those go through JSON.stringify.
 */
export interface LogRecord {
  time: string
  requestId: string
  method: string
  path: string
  principal?: string
  service?: string
  action?: string
  decision?: string
  status?: number
  code?: string
  ms?: number
}

/** `"text"` as JSON: as it is when nothing in it needs escaping (the usual case), else JSON.stringify. */
function jsonString(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(text)
  }
  return `"${text}"`
}

/** The record as JSON text, byte for byte what JSON.stringify(record) gives. */
export function formatLogLine(r: LogRecord): string {
  let line = `{"time":${jsonString(r.time)},"requestId":${jsonString(r.requestId)},"method":${jsonString(r.method)},"path":${jsonString(r.path)}`
  if (r.principal !== undefined) line += `,"principal":${jsonString(r.principal)}`
  if (r.service !== undefined) line += `,"service":${jsonString(r.service)}`
  if (r.action !== undefined) line += `,"action":${jsonString(r.action)}`
  if (r.decision !== undefined) line += `,"decision":${jsonString(r.decision)}`
  if (r.status !== undefined) line += `,"status":${JSON.stringify(r.status)}`
  if (r.code !== undefined) line += `,"code":${jsonString(r.code)}`
  if (r.ms !== undefined) line += `,"ms":${JSON.stringify(r.ms)}`
  return line + '}'
}
