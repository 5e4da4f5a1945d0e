/**
 * Who signed the request: the root keys, an IAM user's access key, or temporary
 * credentials whose sealed session token carries everything (no database read).
 */
import type { KeyMaterial } from '../auth/key-material.js'
import type { RequestPrincipal } from '../eval/index.js'
import { openSecret } from '../iam/access-keys/secret.js'
import { awsError, type AwsError } from '../protocol/index.js'
import { decodeSessionToken } from '../sts/session-token.js'
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

/** Resolves an access key id (and session token) to its secret and caller; an AwsError when it cannot be used. */
export async function resolveAccessKey(
  accessKeyId: string,
  securityToken: string | undefined,
  deps: { store: Store; keys: KeyMaterial; root: RootCredentials; now: Date }
): Promise<ResolvedKey | AwsError> {
  const { root } = deps
  if (accessKeyId.startsWith('ASIA')) {
    if (!securityToken) return awsError('InvalidClientTokenId', INVALID_TOKEN)
    const decoded = decodeSessionToken(deps.keys, securityToken, Math.floor(deps.now.getTime() / 1000))
    if (!decoded.ok) return decoded.reason === 'expired' ? awsError('ExpiredToken', EXPIRED_TOKEN) : awsError('InvalidClientTokenId', INVALID_TOKEN)
    const c = decoded.claims
    if (c.accessKeyId !== accessKeyId || c.accountId !== root.accountId) return awsError('InvalidClientTokenId', INVALID_TOKEN)
    return { secretAccessKey: c.secretAccessKey, caller: sessionCaller(c) }
  }
  if (securityToken) return awsError('InvalidClientTokenId', INVALID_TOKEN)
  if (accessKeyId === root.accessKeyId) return { secretAccessKey: root.secretAccessKey, caller: rootCaller(root) }
  const found = await deps.store.getAccessKey(accessKeyId)
  if (!found || found.key.status !== 'Active') return awsError('InvalidClientTokenId', INVALID_TOKEN)
  const secret = openSecret(deps.keys, found.key.secretCiphertext)
  if (secret === undefined) return awsError('InvalidClientTokenId', INVALID_TOKEN)
  const u = found.user
  const principal: RequestPrincipal = { arn: u.arn, accountId: root.accountId, type: 'User', userId: u.id, username: u.name }
  return { secretAccessKey: secret, caller: { kind: 'user', accountId: root.accountId, arn: u.arn, userId: u.id, userName: u.name, accessKeyId, principal } }
}

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

function sessionCaller(c: import('../sts/session-token.js').SessionClaims): Caller {
  if (c.kind === 'assumed-role') {
    const roleName = c.roleArn!.slice(c.roleArn!.lastIndexOf('/') + 1)
    const arn = `arn:aws:sts::${c.accountId}:assumed-role/${roleName}/${c.sessionName}`
    const userId = `${c.roleId}:${c.sessionName}`
    const principal: RequestPrincipal = { arn, accountId: c.accountId, type: 'AssumedRole', userId, roleArn: c.roleArn }
    if (c.tags) principal.tags = c.tags
    return { kind: 'assumed-role', accountId: c.accountId, arn, userId, accessKeyId: c.accessKeyId, session: c, principal }
  }
  // GetSessionToken: the user's (or root's) own identity, with temporary keys.
  if (c.userArn === undefined) {
    const arn = `arn:aws:iam::${c.accountId}:root`
    return { kind: 'session-user', accountId: c.accountId, arn, userId: c.accountId, accessKeyId: c.accessKeyId, session: c, principal: { arn, accountId: c.accountId, type: 'Account', userId: c.accountId } }
  }
  const principal: RequestPrincipal = { arn: c.userArn, accountId: c.accountId, type: 'User', userId: c.userId!, username: c.userName! }
  return { kind: 'session-user', accountId: c.accountId, arn: c.userArn, userId: c.userId!, userName: c.userName!, accessKeyId: c.accessKeyId, session: c, principal }
}
