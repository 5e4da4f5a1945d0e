/**
 * GetDelegatedAccessToken (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetDelegatedAccessToken.html):
 * trades the exchange token of a FINALIZED delegation request for temporary credentials of
 * the identity that accepted it, limited to the request's policy: the approver's policies
 * and the rendered policy template are both evaluated, as a session policy is. The token
 * is good once, and only within the delegation period (SessionDuration from
 * SendDelegationToken), which is also when the credentials expire. PackedPolicySize is not
 * returned: AWS documents it as not populated for this operation.
 */
import { currentState, exchangeTokenMatches, exchangeTokenRequestId } from '../iam/delegation-requests/index.js'
import { awsError } from '../protocol/index.js'
import { defineOperation } from '../server/operation.js'
import { isStoreError, type DelegationRequestRecord } from '../store/index.js'
import { mintCredentials, type ClaimsDraft } from './credentials.js'

const invalidToken = () => awsError('InvalidParameterValue', 'The trade-in token is not valid.')
const expiredToken = () => awsError('ExpiredTradeInTokenException', 'The trade-in token has expired or has already been used.')

/** The session claims of the approver recorded by AcceptDelegationRequest. */
function approverClaims(r: DelegationRequestRecord): ClaimsDraft {
  const a = r.approver!
  const common = { policy: r.permissionPolicy, delegationRequestId: r.id }
  if (a.kind === 'role') {
    return { kind: 'assumed-role', roleId: a.roleId!, roleArn: a.roleArn!, sessionName: a.arn.slice(a.arn.lastIndexOf('/') + 1), ...common }
  }
  if (a.kind === 'user') return { kind: 'delegated', userId: a.userId!, userName: a.userName!, userArn: a.arn, ...common }
  return { kind: 'delegated', ...common }
}

export const getDelegatedAccessToken = defineOperation({
  service: 'sts',
  name: 'GetDelegatedAccessToken',
  async handler(input: { TradeInToken: string }, ctx) {
    const id = exchangeTokenRequestId(input.TradeInToken)
    const r = id !== undefined ? await ctx.store.getDelegationRequest(id) : undefined
    if (!r || r.requestorAccountId !== ctx.caller.accountId || !exchangeTokenMatches(ctx.keys, r.exchangeToken, input.TradeInToken)) throw invalidToken()
    if (currentState(r, ctx.now) !== 'FINALIZED' || r.tokenRedeemedAt !== undefined || r.approver === undefined) throw expiredToken()
    try {
      await ctx.store.updateDelegationRequest(r.id, r.version, { tokenRedeemedAt: ctx.now })
    } catch (err) {
      // Another exchange of the same token won the race.
      if (isStoreError(err, 'Conflict')) throw expiredToken()
      throw err
    }
    // Credentials end with the delegation period, to the second.
    const seconds = Math.floor(r.expirationTime.getTime() / 1000) - Math.floor(ctx.now.getTime() / 1000)
    if (seconds <= 0) throw expiredToken()
    const { Credentials } = mintCredentials(ctx, seconds, approverClaims(r))
    return { Credentials, AssumedPrincipal: r.approver.arn }
  }
})
