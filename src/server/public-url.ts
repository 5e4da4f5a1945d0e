/**
 * The URL clients reach Warden at: the base of the outbound identity federation issuer
 * (`<base>/_warden/oidc/<uuid>`). Configured with `--public-url` / `WARDEN_PUBLIC_URL`, else
 * the address the server listens on. A path in the public URL is for a reverse proxy that
 * strips it: Warden itself serves the issuer at `/_warden/oidc/` on its own root.
 */

/** `WARDEN_PUBLIC_URL` checked: an http(s) URL without query or fragment, returned without a trailing slash. */
export function parsePublicUrl(text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new Error(`the public URL must be an http or https URL, got "${text}"`)
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new Error(`the public URL must be an http or https URL without query, fragment or user info, got "${text}"`)
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

/** The URL of a listening socket; a wildcard bind is reached at loopback here (set the public URL otherwise). */
export function listenUrl(host: string, port: number): string {
  const reachable = host === '' || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`
}
