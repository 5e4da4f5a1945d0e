/**
 * Who signed the request: the root keys, an IAM user's access key, or temporary
 * credentials whose sealed session token carries everything (no database read). Resolved
 * keys are cached: a user's key per store revision (a status change or deletion bumps it),
 * an opened session token per token text (it never changes; its expiry is checked on
 * every use), so the hot path neither decrypts nor reads the store.
 */
import type { KeyMaterial } from '../auth/key-material.js'
import { createLruCache, type RequestPrincipal } from '../eval/index.js'
import { openSecret } from '../iam/access-keys/secret.js'
import { awsError, type AwsError } from '../protocol/index.js'
import { decodeSessionToken, type SessionClaims } from '../sts/session-token.js'
import type { Store } from '../store/index.js'
import type { RootCredentials } from './bootstrap.js'
import type { Caller } from './operation.js'

/** A key id resolved to its secret and the caller it stands for. */
export interface ResolvedKey {
  secretAccessKey: string
  caller: Caller
}

export const INVALID_TOKEN = 'The security token included in the request is invalid.'
export const EXPIRED_TOKEN = 'The security token included in the request is expired'

const invalid = () => awsError('InvalidClientTokenId', INVALID_TOKEN)

export class CredentialResolver {
  private readonly userKeys = createLruCache<string, { revision: number; resolved: ResolvedKey }>(10_000)
  private readonly sessions = createLruCache<string, { claims: SessionClaims; resolved: ResolvedKey }>(10_000)
  private readonly rootKey: ResolvedKey

  constructor(
    private readonly store: Store,
    private readonly keys: KeyMaterial,
    private readonly root: RootCredentials
  ) {
    this.rootKey = { secretAccessKey: root.secretAccessKey, caller: rootCaller(root) }
  }

  /** Resolves an access key id (and session token) to its secret and caller; an AwsError when it cannot be used. */
  async resolve(accessKeyId: string, securityToken: string | undefined, now: Date): Promise<ResolvedKey | AwsError> {
    if (accessKeyId.startsWith('ASIA')) return securityToken ? this.session(accessKeyId, securityToken, now) : invalid()
    // A session token sent with long-term keys belongs to no one.
    if (securityToken) return invalid()
    if (accessKeyId === this.root.accessKeyId) return this.rootKey
    const revision = await this.store.getRevision()
    const hit = this.userKeys.get(accessKeyId)
    if (hit && hit.revision === revision) return hit.resolved
    const found = await this.store.getAccessKey(accessKeyId)
    if (!found || found.key.status !== 'Active') return invalid()
    const secret = openSecret(this.keys, found.key.secretCiphertext)
    if (secret === undefined) return invalid()
    const u = found.user
    const accountId = this.root.accountId
    const principal: RequestPrincipal = { arn: u.arn, accountId, type: 'User', userId: u.id, username: u.name }
    const resolved: ResolvedKey = { secretAccessKey: secret, caller: { kind: 'user', accountId, arn: u.arn, userId: u.id, userName: u.name, accessKeyId, principal } }
    this.userKeys.set(accessKeyId, { revision, resolved })
    return resolved
  }

  private session(accessKeyId: string, token: string, now: Date): ResolvedKey | AwsError {
    const nowSeconds = Math.floor(now.getTime() / 1000)
    const hit = this.sessions.get(token)
    if (hit) {
      if (hit.claims.expiresAt <= nowSeconds) return awsError('ExpiredToken', EXPIRED_TOKEN)
      return hit.claims.accessKeyId === accessKeyId ? hit.resolved : invalid()
    }
    const decoded = decodeSessionToken(this.keys, token, nowSeconds)
    if (!decoded.ok) return decoded.reason === 'expired' ? awsError('ExpiredToken', EXPIRED_TOKEN) : invalid()
    const c = decoded.claims
    if (c.accountId !== this.root.accountId) return invalid()
    const resolved = { secretAccessKey: c.secretAccessKey, caller: sessionCaller(c) }
    this.sessions.set(token, { claims: c, resolved })
    // The token must belong to the key that signed with it.
    return c.accessKeyId === accessKeyId ? resolved : invalid()
  }
}

/** The account's root user as a caller. */
export function rootCaller(root: RootCredentials): Caller {
  const arn = `arn:aws:iam::${root.accountId}:root`
  return {
    kind: 'root',
    accountId: root.accountId,
    arn,
    userId: root.accountId,
    accessKeyId: root.accessKeyId,
    principal: { arn, accountId: root.accountId, type: 'Account', userId: root.accountId }
  }
}

function sessionCaller(c: SessionClaims): Caller {
  if (c.kind === 'assumed-role') {
    const roleName = c.roleArn!.slice(c.roleArn!.lastIndexOf('/') + 1)
    const arn = `arn:aws:sts::${c.accountId}:assumed-role/${roleName}/${c.sessionName}`
    const userId = `${c.roleId}:${c.sessionName}`
    const principal: RequestPrincipal = { arn, accountId: c.accountId, type: 'AssumedRole', userId, roleArn: c.roleArn }
    if (c.tags) principal.tags = c.tags
    return { kind: 'assumed-role', accountId: c.accountId, arn, userId, accessKeyId: c.accessKeyId, session: c, principal }
  }
  if (c.kind === 'federated-user') {
    const arn = `arn:aws:sts::${c.accountId}:federated-user/${c.federatedName}`
    const userId = `${c.accountId}:${c.federatedName}`
    const principal: RequestPrincipal = { arn, accountId: c.accountId, type: 'FederatedUser', userId }
    if (c.tags) principal.tags = c.tags
    return { kind: 'federated-user', accountId: c.accountId, arn, userId, accessKeyId: c.accessKeyId, session: c, principal }
  }
  if (c.kind === 'delegated') return delegatedCaller(c)
  // GetSessionToken: the user's (or root's) own identity, with temporary keys.
  if (c.userArn === undefined) {
    const arn = `arn:aws:iam::${c.accountId}:root`
    return { kind: 'session-user', accountId: c.accountId, arn, userId: c.accountId, accessKeyId: c.accessKeyId, session: c, principal: { arn, accountId: c.accountId, type: 'Account', userId: c.accountId } }
  }
  const principal: RequestPrincipal = { arn: c.userArn, accountId: c.accountId, type: 'User', userId: c.userId!, username: c.userName! }
  return { kind: 'session-user', accountId: c.accountId, arn: c.userArn, userId: c.userId!, userName: c.userName!, accessKeyId: c.accessKeyId, session: c, principal }
}

/**
 * GetDelegatedAccessToken credentials of a user (or root) approver: the approver's ARN, with
 * the approver's policies limited by the delegation request's (server/authorize.ts). To the
 * engine the principal is a session (type FederatedUser, as root's GetFederationToken
 * sessions are): IAM users are never limited by session policies, and root is never limited
 * at all, so neither type could carry the request's limit.
 */
function delegatedCaller(c: SessionClaims): Caller {
  const arn = c.userArn ?? `arn:aws:iam::${c.accountId}:root`
  const userId = c.userId ?? c.accountId
  const principal: RequestPrincipal = { arn, accountId: c.accountId, type: 'FederatedUser', userId }
  const caller: Caller = { kind: 'delegated', accountId: c.accountId, arn, userId, accessKeyId: c.accessKeyId, session: c, principal }
  if (c.userName !== undefined) caller.userName = c.userName
  return caller
}

/**
 * GetSessionToken credentials may call IAM only with MFA, and of STS only AssumeRole and
 * GetCallerIdentity (STS API reference, GetSessionToken); AWS answers the IAM case as an
 * invalid token. GetFederationToken credentials may call no IAM operation and of STS only
 * GetCallerIdentity (GetFederationToken, "Permissions"). Undefined when the call may go on.
 */
export function sessionUserRefusal(caller: Caller, service: 'iam' | 'sts', operation: string): AwsError | undefined {
  if (caller.kind !== 'session-user' && caller.kind !== 'federated-user') return undefined
  if (service === 'iam') return caller.kind === 'session-user' && caller.session?.mfaAuthenticatedAt !== undefined ? undefined : invalid()
  if (operation === 'GetCallerIdentity' || (caller.kind === 'session-user' && operation === 'AssumeRole')) return undefined
  // AWS's words for GetSessionToken and GetFederationToken with session credentials.
  return awsError('AccessDenied', `Cannot call ${operation} with session credentials`)
}
