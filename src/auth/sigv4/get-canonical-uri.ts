import { uriEncode } from './uri-encode.js'

/**
 * The canonical URI for services other than S3: the path as received, with empty, `.` and
 * `..` segments resolved (a trailing slash is kept), then percent-encoded once more. Clients
 * encode the wire path a second time, so `%` in the received path becomes `%25` here.
 */
export function getCanonicalUri(path: string): string {
  if (path === '/' || path === '') return '/'
  const segments: string[] = []
  let start = path.charCodeAt(0) === 0x2f ? 1 : 0
  while (start <= path.length) {
    let end = path.indexOf('/', start)
    if (end === -1) end = path.length
    const segment = path.slice(start, end)
    if (segment === '..') segments.pop()
    else if (segment !== '' && segment !== '.') segments.push(segment)
    start = end + 1
  }
  if (segments.length === 0) return '/'
  const trailing = path.charCodeAt(path.length - 1) === 0x2f ? '/' : ''
  return uriEncode('/' + segments.join('/') + trailing, true)
}
