/** Parts of the canonical request, each already in canonical form. */
export interface CanonicalRequestParts {
  method: string
  canonicalUri: string
  canonicalQuery: string
  canonicalHeaders: string
  /** The SignedHeaders list, `;`-joined. */
  signedHeaders: string
  payloadHash: string
}

/** Joins the canonical request: method, URI, query, headers, signed headers, payload hash. */
export function createCanonicalRequest(parts: CanonicalRequestParts): string {
  return `${parts.method}\n${parts.canonicalUri}\n${parts.canonicalQuery}\n${parts.canonicalHeaders}\n${parts.signedHeaders}\n${parts.payloadHash}`
}
