import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parsePolicy } from '../policy/index.js'
import { isAwsError } from '../protocol/index.js'
import type { SessionClaims } from '../sts/session-token.js'
import { openSqliteStore, type Store } from '../store/index.js'
import { authorizeCall, authorizeExternal } from './authorize.js'
import type { Caller } from './operation.js'
import { PolicySetCache } from './policy-sets.js'

const ACCT = '123456789012'
const facts = { now: new Date(), sourceIp: '127.0.0.1', secureTransport: true, region: 'us-east-1' }
const doc = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] })

let store: Store
let cache: PolicySetCache
beforeEach(async () => {
  store = await openSqliteStore({ filename: ':memory:' })
  await store.initAccount(ACCT)
  await store.createUser({ name: 'broker' })
  await store.putInlinePolicy({ type: 'user', name: 'broker' }, 'p', doc('s3:*'))
  cache = new PolicySetCache(store)
})
afterEach(async () => store.close())

/** A GetFederationToken session of `broker` (or of root, without userName) as the credential resolver builds it. */
function federated(claims: Partial<SessionClaims>, key = 'ASIAFEDERATED0000001'): Caller {
  const session: SessionClaims = { kind: 'federated-user', accessKeyId: key, secretAccessKey: 's', accountId: ACCT, issuedAt: 0, expiresAt: 1e12, federatedName: 'bob', ...claims }
  const arn = `arn:aws:sts::${ACCT}:federated-user/bob`
  return { kind: 'federated-user', accountId: ACCT, arn, userId: `${ACCT}:bob`, accessKeyId: key, session, principal: { arn, accountId: ACCT, type: 'FederatedUser', userId: `${ACCT}:bob` } }
}

async function decision(caller: Caller, action: string): Promise<string> {
  try {
    return await authorizeCall(caller, action, 'arn:aws:s3:::data/train.csv', undefined, facts, cache)
  } catch (err) {
    if (isAwsError(err, 'AccessDenied')) return 'Deny'
    throw err
  }
}

describe('federated user sessions', () => {
  it('may do what both the user and the session policies allow', async () => {
    const bob = federated({ userName: 'broker', userId: 'AIDABROKER', userArn: `arn:aws:iam::${ACCT}:user/broker`, policy: doc('s3:GetObject') })
    expect(await decision(bob, 's3:GetObject')).toBe('Allow')
    expect(await decision(bob, 's3:PutObject')).toBe('Deny')
    const wider = federated({ userName: 'broker', policy: doc('ec2:*') }, 'ASIAFEDERATED0000002')
    expect(await decision(wider, 'ec2:RunInstances')).toBe('Deny')
  })

  it('may do nothing without session policies', async () => {
    expect(await decision(federated({ userName: 'broker' }, 'ASIAFEDERATED0000003'), 's3:GetObject')).toBe('Deny')
  })

  it("of root's federation tokens, the session policies alone decide", async () => {
    const rootFed = federated({ policy: doc('s3:GetObject') }, 'ASIAFEDERATED0000004')
    expect(await decision(rootFed, 's3:GetObject')).toBe('Allow')
    expect(await decision(rootFed, 'iam:CreateUser')).toBe('Deny')
  })
})

describe('external principals', () => {
  it('are decided by the resource policies alone', () => {
    const trust = parsePolicy(JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${ACCT}:oidc-provider/idp.example.com` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'idp.example.com:sub': 'ci' } } }]
    }), { kind: 'trust' }).policy!
    const principal = { arn: '*', accountId: '', type: 'Anonymous' as const, federatedProvider: `arn:aws:iam::${ACCT}:oidc-provider/idp.example.com` }
    const inputs = [{ id: 'trust', type: 'trust' as const, policy: trust }]
    const role = `arn:aws:iam::${ACCT}:role/r`
    expect(authorizeExternal(principal, 'sts:AssumeRoleWithWebIdentity', role, { 'idp.example.com:sub': 'ci' }, facts, inputs)).toBe('Allow')
    expect(() => authorizeExternal(principal, 'sts:AssumeRoleWithWebIdentity', role, { 'idp.example.com:sub': 'other' }, facts, inputs)).toThrow()
    expect(() => authorizeExternal({ ...principal, federatedProvider: `arn:aws:iam::${ACCT}:oidc-provider/evil.example.com` }, 'sts:AssumeRoleWithWebIdentity', role, { 'idp.example.com:sub': 'ci' }, facts, inputs)).toThrow()
  })
})
