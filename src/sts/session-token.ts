/**
 * The session token codec. A token carries everything needed to authenticate and
 * authorize its session (the ASIA key's secret, expiry, the role or user, session
 * policies, tags, MFA state), compressed when large, sealed with AES-256-GCM under the
 * session-token key, so any replica verifies it without a database read. Tokens are
 * opaque base64 to clients, as AWS's are.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import type { KeyMaterial } from '../auth/key-material.js'
import { open, seal } from '../auth/seal.js'

/** How the session was made: AssumeRole*, GetSessionToken, GetFederationToken, or GetDelegatedAccessToken for a user or root approver. */
export type SessionKind = 'assumed-role' | 'session-token' | 'federated-user' | 'delegated'

export interface SessionClaims {
  kind: SessionKind
  /** The temporary access key id (ASIA...) the token belongs to. */
  accessKeyId: string
  secretAccessKey: string
  accountId: string
  /** Epoch seconds. */
  issuedAt: number
  /** Epoch seconds. */
  expiresAt: number
  /** assumed-role: the role's unique id (AROA...), ARN with path, and the session name. */
  roleId?: string
  roleArn?: string
  sessionName?: string
  /** session-token / federated-user: the IAM user the session belongs to. */
  userId?: string
  userName?: string
  userArn?: string
  /** federated-user: the federated user name. */
  federatedName?: string
  /** Session policies: the inline `Policy` text and the `PolicyArns`. */
  policy?: string
  policyArns?: string[]
  /** Session tags and which of them pass on to chained sessions. */
  tags?: Record<string, string>
  transitiveTagKeys?: string[]
  sourceIdentity?: string
  /** AssumeRoleWithWebIdentity / AssumeRoleWithSAML sessions: the identity provider's ARN (aws:FederatedProvider). */
  federatedProvider?: string
  /** Epoch seconds at which MFA was presented, when it was. */
  mfaAuthenticatedAt?: number
  /** The session was made with temporary credentials (role chaining). */
  chained?: boolean
  /** GetDelegatedAccessToken sessions: the delegation request they were granted by. */
  delegationRequestId?: string
}

/** Largest inflated token accepted: a bound against decompression bombs. */
const MAX_CLAIMS_BYTES = 64 * 1024
/** Claims shorter than this are sealed as they are: deflate costs more time than it saves bytes. */
const COMPRESS_ABOVE = 512
/** The first sealed byte says how the claims are packed. */
const PLAIN = 0x4a // 'J'
const DEFLATED = 0x5a // 'Z'

/** Seals claims into an opaque session token. */
export function encodeSessionToken(keys: KeyMaterial, claims: SessionClaims): string {
  const text = JSON.stringify(claims)
  // The marker byte and the JSON in one buffer (the marker is ASCII: 'J' or 'Z').
  const packed = text.length > COMPRESS_ABOVE
    ? Buffer.concat([Buffer.of(DEFLATED), deflateRawSync(Buffer.from(text, 'utf8'))])
    : Buffer.from(String.fromCharCode(PLAIN) + text, 'utf8')
  return seal(keys, 'session-token', packed).toString('base64')
}

export type SessionTokenResult =
  | { ok: true; claims: SessionClaims }
  | { ok: false; reason: 'invalid' | 'expired' }

/** Opens a session token; `invalid` when it is malformed or tampered with, `expired` past its expiry. */
export function decodeSessionToken(keys: KeyMaterial, token: string, nowSeconds: number): SessionTokenResult {
  if (token.length === 0 || token.length > 16 * 1024 || !/^[A-Za-z0-9+/]+={0,2}$/.test(token)) return { ok: false, reason: 'invalid' }
  const packed = open(keys, 'session-token', Buffer.from(token, 'base64'))
  if (!packed) return { ok: false, reason: 'invalid' }
  let claims: unknown
  try {
    const body = packed.subarray(1)
    if (packed[0] === PLAIN) claims = JSON.parse(body.toString('utf8'))
    else if (packed[0] === DEFLATED) claims = JSON.parse(inflateRawSync(body, { maxOutputLength: MAX_CLAIMS_BYTES }).toString('utf8'))
    else return { ok: false, reason: 'invalid' }
  } catch {
    return { ok: false, reason: 'invalid' }
  }
  if (!isClaims(claims)) return { ok: false, reason: 'invalid' }
  if (claims.expiresAt <= nowSeconds) return { ok: false, reason: 'expired' }
  return { ok: true, claims }
}

function isClaims(value: unknown): value is SessionClaims {
  if (typeof value !== 'object' || value === null) return false
  const c = value as Record<string, unknown>
  return (
    (c.kind === 'assumed-role' || c.kind === 'session-token' || c.kind === 'federated-user' || c.kind === 'delegated') &&
    typeof c.accessKeyId === 'string' &&
    typeof c.secretAccessKey === 'string' &&
    typeof c.accountId === 'string' &&
    typeof c.issuedAt === 'number' &&
    typeof c.expiresAt === 'number'
  )
}
