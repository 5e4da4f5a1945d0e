import { awsError } from '../protocol/index.js'
import { defineOperation } from '../server/operation.js'
import { mintCredentials } from './credentials.js'
import { authenticateMfa } from './mfa.js'

/** GetSessionToken: temporary credentials for an IAM user (or root) with its own permissions, MFA-authenticated when SerialNumber and TokenCode are given. */
export const getSessionToken = defineOperation({
  service: 'sts',
  name: 'GetSessionToken',
  // AWS: "No permissions are required for a user to get a session token" (it authenticates, e.g. with MFA).
  skipAuthorization: true,
  handler: async (input: { DurationSeconds?: number; SerialNumber?: string; TokenCode?: string }, ctx) => {
    const c = ctx.caller
    if (c.kind !== 'user' && c.kind !== 'root') {
      throw awsError('AccessDenied', 'Cannot call GetSessionToken with session credentials')
    }
    const root = c.kind === 'root'
    const duration = input.DurationSeconds ?? (root ? 3600 : 43200)
    const max = root ? 3600 : 129600
    if (duration < 900 || duration > max) {
      throw awsError('ValidationError', `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value ${duration < 900 ? 'greater than or equal to 900' : `less than or equal to ${max}`}`)
    }
    const mfa = input.SerialNumber !== undefined || input.TokenCode !== undefined
      ? { mfaAuthenticatedAt: await authenticateMfa(ctx, input.SerialNumber, input.TokenCode) }
      : {}
    const who = root ? {} : { userId: c.userId, userName: c.userName, userArn: c.arn }
    const { Credentials } = mintCredentials(ctx, duration, { kind: 'session-token', ...who, ...mfa })
    return { Credentials }
  }
})
