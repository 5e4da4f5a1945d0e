/**
 * AssumeRole: the role's trust policy decides, evaluated by the engine together with the
 * caller's own policies (same-account callers named directly need no identity allow;
 * callers trusted through the account root, and chained sessions, do).
 */
import type { ContextValue } from '../eval/index.js'
import { usageRecorderFor } from '../auth/usage-recorder.js'
import { AwsError, awsError } from '../protocol/index.js'
import { defineOperation, type OperationContext } from '../server/operation.js'
import { mintCredentials } from './credentials.js'
import { authenticateMfa } from './mfa.js'
import { assumedRoleUser, checkRoleDuration, checkSessionPolicies, parseRoleArn } from './role-session.js'
import { loadTrustedRole } from './trusted-role.js'

interface AssumeRoleInput {
  RoleArn: string
  RoleSessionName: string
  PolicyArns?: { arn?: string }[]
  Policy?: string
  DurationSeconds?: number
  Tags?: { Key: string; Value: string }[]
  TransitiveTagKeys?: string[]
  ExternalId?: string
  SerialNumber?: string
  TokenCode?: string
  SourceIdentity?: string
}

const CHAINED_MAX_SECONDS = 3600

function denied(ctx: OperationContext, roleArn: string): never {
  throw awsError('AccessDenied', `User: ${ctx.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`)
}

export const assumeRole = defineOperation({
  service: 'sts',
  name: 'AssumeRole',
  // The trust policy is the authority here: the handler authorizes with it.
  skipAuthorization: true,
  handler: async (input: AssumeRoleInput, ctx) => {
    const arn = parseRoleArn(input.RoleArn)
    if (!arn) throw awsError('ValidationError', `${input.RoleArn} is invalid`)
    // The root user (and its GetSessionToken sessions) can never assume a role.
    if (ctx.caller.principal.type === 'Account') throw awsError('AccessDenied', 'Roles may not be assumed by root accounts.')
    const trusted = arn.account === ctx.accountId ? await loadTrustedRole(ctx.store, arn.name) : undefined
    if (!trusted || trusted.role.path !== arn.path || trusted.role.name !== arn.name) denied(ctx, input.RoleArn)
    const role = trusted.role
    const chained = ctx.caller.kind === 'assumed-role'
    if (chained && (input.DurationSeconds ?? 3600) > CHAINED_MAX_SECONDS) {
      throw awsError('ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.')
    }
    const duration = checkRoleDuration(input.DurationSeconds, role)
    const packed = checkSessionPolicies(input)
    const trust = trusted.trust
    if (!trust) denied(ctx, input.RoleArn)
    const trustInputs = [{ id: `${role.arn}/trust`, type: 'trust' as const, policy: trust }]

    // Tags passed to this session, plus the transitive ones a chained session carries on.
    const inherited = chained ? ctx.caller.session?.transitiveTagKeys ?? [] : []
    const tags: Record<string, string> = {}
    for (const k of inherited) {
      const v = ctx.caller.session?.tags?.[k]
      if (v !== undefined) tags[k] = v
    }
    for (const t of input.Tags ?? []) tags[t.Key] = t.Value

    // MFA presented now, or carried by the calling session (GetSessionToken with MFA).
    const mfaAt = input.SerialNumber !== undefined || input.TokenCode !== undefined
      ? await authenticateMfa(ctx, input.SerialNumber, input.TokenCode)
      : ctx.caller.session?.mfaAuthenticatedAt
    const context: Record<string, ContextValue> = { 'sts:RoleSessionName': input.RoleSessionName }
    if (mfaAt !== undefined) {
      context['aws:MultiFactorAuthPresent'] = 'true'
      context['aws:MultiFactorAuthAge'] = String(Math.max(0, Math.floor(ctx.now.getTime() / 1000) - mfaAt))
    }
    if (input.ExternalId !== undefined) context['sts:ExternalId'] = input.ExternalId
    if (input.SourceIdentity !== undefined) context['sts:SourceIdentity'] = input.SourceIdentity
    if (input.Tags?.length) {
      for (const t of input.Tags) context[`aws:RequestTag/${t.Key}`] = t.Value
      context['aws:TagKeys'] = input.Tags.map((t) => t.Key)
    }
    try {
      await ctx.authorize('sts:AssumeRole', role.arn, context, trustInputs)
      if (input.Tags?.length || input.TransitiveTagKeys?.length) await ctx.authorize('sts:TagSession', role.arn, context, trustInputs)
      if (input.SourceIdentity !== undefined) await ctx.authorize('sts:SetSourceIdentity', role.arn, context, trustInputs)
    } catch (err) {
      // Only a denial is reworded; a store that cannot be reached must stay a 503, not read as AccessDenied.
      if (err instanceof AwsError && err.code === 'AccessDenied') denied(ctx, input.RoleArn)
      throw err
    }

    const { Credentials } = mintCredentials(ctx, duration, {
      kind: 'assumed-role',
      roleId: role.id,
      roleArn: role.arn,
      sessionName: input.RoleSessionName,
      ...(input.Policy !== undefined ? { policy: input.Policy } : {}),
      ...(input.PolicyArns?.length ? { policyArns: input.PolicyArns.map((p) => p.arn ?? '') } : {}),
      ...(Object.keys(tags).length ? { tags } : {}),
      ...(input.TransitiveTagKeys?.length || inherited.length ? { transitiveTagKeys: [...new Set([...inherited, ...(input.TransitiveTagKeys ?? [])])] } : {}),
      ...(input.SourceIdentity !== undefined ? { sourceIdentity: input.SourceIdentity } : {}),
      ...(chained ? { chained: true } : {}),
      ...(mfaAt !== undefined ? { mfaAuthenticatedAt: mfaAt } : {})
    })
    usageRecorderFor(ctx.store).roleUsed(role, ctx.now, ctx.region)
    const out: Record<string, unknown> = { Credentials, AssumedRoleUser: assumedRoleUser(ctx.accountId, role, input.RoleSessionName) }
    if (packed !== undefined) out.PackedPolicySize = packed
    if (input.SourceIdentity !== undefined) out.SourceIdentity = input.SourceIdentity
    return out
  }
})
