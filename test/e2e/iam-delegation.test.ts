/**
 * IAM temporary delegation end to end through the AWS SDK: a partner's request from
 * creation to delegated credentials (associate, accept, send, the exchange token from
 * Warden's notification route, GetDelegatedAccessToken), the credentials limited to the
 * request's policy, rejection, expiry, who may call what, and bad input that changes nothing.
 */
import { Sha256 } from '@aws-crypto/sha256-js'
import {
  AcceptDelegationRequestCommand,
  AssociateDelegationRequestCommand,
  CreateDelegationRequestCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  GetDelegationRequestCommand,
  GetHumanReadableSummaryCommand,
  GetRoleCommand,
  ListDelegationRequestsCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  RejectDelegationRequestCommand,
  SendDelegationTokenCommand,
  UpdateDelegationRequestCommand,
  type CreateDelegationRequestCommandInput
} from '@aws-sdk/client-iam'
import { AssumeRoleCommand, GetCallerIdentityCommand, GetDelegatedAccessTokenCommand, type Credentials as StsCredentials } from '@aws-sdk/client-sts'
import { SignatureV4 } from '@smithy/signature-v4'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { runPythonJob } from '../helpers/python-job.js'
import { awsErrorOf, createUserWithKeys, startWarden, TEST_ACCOUNT_ID, type Credentials, type RunningWarden } from '../helpers/warden.js'

const ACCT = TEST_ACCOUNT_ID
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:partner-delegation'
const allow = (action: string | string[], resource: string | string[] = '*') => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] })
const asCreds = (c: StsCredentials | undefined): Credentials => ({ accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! })

/** The partner's template: read one role (a parameter), list roles. */
const TEMPLATE = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['iam:GetRole', 'iam:TagRole'], Resource: `arn:aws:iam::${ACCT}:role/@{roleName}` },
    { Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }
  ]
}
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] })
const CUSTOMER_ACTIONS = [
  'iam:GetDelegationRequest', 'iam:ListDelegationRequests', 'iam:AssociateDelegationRequest', 'iam:AcceptDelegationRequest',
  'iam:RejectDelegationRequest', 'iam:UpdateDelegationRequest', 'iam:SendDelegationToken',
  'iam:GetRole', 'iam:ListRoles', 'iam:ListUsers', 'iam:TagRole'
]

// The server's clock runs `offset` ms ahead of the test's.
let offset = 0
let w: RunningWarden
let templateArn: string
let partner: Awaited<ReturnType<typeof createUserWithKeys>>
let alice: Awaited<ReturnType<typeof createUserWithKeys>>

beforeAll(async () => {
  w = await startWarden({ now: () => new Date(Date.now() + offset), clockSkewSeconds: 30 * 24 * 3600 })
})
afterAll(async () => w.stop())
beforeEach(async () => {
  offset = 0
  await w.reset()
  const iam = w.iam()
  templateArn = (await iam.send(new CreatePolicyCommand({ PolicyName: 'PartnerSetupTemplate', PolicyDocument: JSON.stringify(TEMPLATE) }))).Policy!.Arn!
  for (const RoleName of ['trainer', 'other']) await iam.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: TRUST }))
  partner = await createUserWithKeys(w, 'partner', { inlinePolicy: allow(['iam:CreateDelegationRequest', 'sts:GetDelegatedAccessToken']) })
  alice = await createUserWithKeys(w, 'alice', { inlinePolicy: allow(CUSTOMER_ACTIONS) })
})

function requestInput(extra: Partial<CreateDelegationRequestCommandInput> = {}): CreateDelegationRequestCommandInput {
  return {
    OwnerAccountId: ACCT,
    Description: 'Set up the training role',
    Permissions: { PolicyTemplateArn: templateArn, Parameters: [{ Name: 'roleName', Values: ['trainer'], Type: 'string' }] },
    RequestMessage: 'Needed for the onboarding wizard',
    RequestorWorkflowId: 'workflow-0001',
    RedirectUrl: 'https://partner.example.com/onboarding',
    NotificationChannel: TOPIC,
    SessionDuration: 900,
    ...extra
  }
}

async function createRequest(extra: Partial<CreateDelegationRequestCommandInput> = {}): Promise<string> {
  const out = await w.iam(partner.credentials).send(new CreateDelegationRequestCommand(requestInput(extra)))
  return out.DelegationRequestId!
}

async function getRequest(id: string, creds: Credentials = w.root) {
  return (await w.iam(creds).send(new GetDelegationRequestCommand({ DelegationRequestId: id }))).DelegationRequest!
}

/** Warden's notification route, SigV4-signed as an IAM call by `creds`. */
async function notification(id: string, creds: Credentials): Promise<{ status: number; body: Record<string, string> | string }> {
  const url = new URL(`${w.endpoint}/_warden/delegation-requests/${id}/notification`)
  const signer = new SignatureV4({ service: 'iam', region: 'us-east-1', sha256: Sha256, credentials: creds })
  const signed = await signer.sign({ method: 'GET', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: url.pathname, headers: { host: url.host } })
  const r = await fetch(url, { headers: signed.headers as Record<string, string> })
  const text = await r.text()
  return { status: r.status, body: r.headers.get('content-type') === 'application/json' ? (JSON.parse(text) as Record<string, string>) : text }
}

/** Associate, accept and send as alice; returns the exchange token the partner reads. */
async function approve(id: string): Promise<string> {
  const iam = w.iam(alice.credentials)
  await iam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: id }))
  await iam.send(new AcceptDelegationRequestCommand({ DelegationRequestId: id }))
  await iam.send(new SendDelegationTokenCommand({ DelegationRequestId: id }))
  const n = await notification(id, partner.credentials)
  expect(n.status).toBe(200)
  return (n.body as Record<string, string>).ExchangeToken!
}

describe('the whole flow', () => {
  it('create -> associate -> accept -> send -> exchange: credentials of the approver limited to the request', async () => {
    const before = Date.now()
    const id = await createRequest()
    expect(id).toMatch(/^[\w-]{16,128}$/)

    const fresh = await getRequest(id, alice.credentials)
    expect(fresh).toMatchObject({
      DelegationRequestId: id,
      OwnerAccountId: ACCT,
      Description: 'Set up the training role',
      RequestMessage: 'Needed for the onboarding wizard',
      Permissions: { PolicyTemplateArn: templateArn, Parameters: [{ Name: 'roleName', Values: ['trainer'], Type: 'string' }] },
      State: 'UNASSIGNED',
      RequestorId: ACCT,
      SessionDuration: 900,
      OnlySendByOwner: false,
      RedirectUrl: 'https://partner.example.com/onboarding'
    })
    expect(JSON.parse(fresh.PermissionPolicy!).Statement[0].Resource).toBe(`arn:aws:iam::${ACCT}:role/trainer`)
    expect(fresh.OwnerId).toBeUndefined()
    // Unassigned requests last a day.
    expect(fresh.ExpirationTime!.getTime() - fresh.CreateDate!.getTime()).toBe(86_400_000)

    const iam = w.iam(alice.credentials)
    await iam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: id }))
    const assigned = await getRequest(id)
    expect(assigned).toMatchObject({ State: 'ASSIGNED', OwnerId: alice.arn, OwnerAccountId: ACCT })
    const listed = await iam.send(new ListDelegationRequestsCommand({ OwnerId: alice.arn }))
    expect(listed.DelegationRequests?.map((r) => r.DelegationRequestId)).toEqual([id])
    expect(listed.isTruncated).toBe(false)

    await iam.send(new AcceptDelegationRequestCommand({ DelegationRequestId: id }))
    expect(await getRequest(id)).toMatchObject({ State: 'ACCEPTED', ApproverId: alice.arn })
    // Nothing to trade in before the token is sent.
    expect(await notification(id, partner.credentials)).toEqual({ status: 200, body: { DelegationRequestId: id, RequestorWorkflowId: 'workflow-0001', NotificationChannel: TOPIC, State: 'ACCEPTED' } })

    await iam.send(new SendDelegationTokenCommand({ DelegationRequestId: id }))
    const finalized = await getRequest(id)
    expect(finalized.State).toBe('FINALIZED')
    const n = await notification(id, partner.credentials)
    const token = (n.body as Record<string, string>).ExchangeToken!
    expect(token.startsWith(`${id}.`)).toBe(true)

    const out = await w.sts(partner.credentials).send(new GetDelegatedAccessTokenCommand({ TradeInToken: token }))
    expect(out.AssumedPrincipal).toBe(alice.arn)
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/)
    expect(out.PackedPolicySize).toBeUndefined()
    // The delegation period (900 s) started at SendDelegationToken.
    const expires = out.Credentials!.Expiration!.getTime()
    expect(expires).toBeGreaterThan(before + 890_000)
    expect(expires).toBeLessThanOrEqual(Date.now() + 900_000)
    expect(Math.abs(expires - finalized.ExpirationTime!.getTime())).toBeLessThan(1000)

    const delegated = asCreds(out.Credentials)
    expect((await w.sts(delegated).send(new GetCallerIdentityCommand({}))).Arn).toBe(alice.arn)
    const asPartner = w.iam(delegated)
    // Inside the request's policy: allowed.
    expect((await asPartner.send(new GetRoleCommand({ RoleName: 'trainer' }))).Role?.RoleName).toBe('trainer')
    expect((await asPartner.send(new ListRolesCommand({}))).Roles?.map((r) => r.RoleName).sort()).toEqual(['other', 'trainer'])
    // Outside it, though alice herself may: denied.
    const otherRole = await awsErrorOf(asPartner.send(new GetRoleCommand({ RoleName: 'other' })))
    expect(otherRole).toMatchObject({ name: 'AccessDenied', status: 403 })
    expect(otherRole.message).toBe(`User: ${alice.arn} is not authorized to perform: iam:GetRole on resource: role other because no session policy allows the iam:GetRole action`)
    expect(await awsErrorOf(asPartner.send(new ListUsersCommand({})))).toMatchObject({ name: 'AccessDenied' })
    expect((await w.iam(alice.credentials).send(new ListUsersCommand({}))).Users?.length).toBe(2)

    // The token is good once.
    const again = await awsErrorOf(w.sts(partner.credentials).send(new GetDelegatedAccessTokenCommand({ TradeInToken: token })))
    expect(again).toMatchObject({ name: 'ExpiredTradeInTokenException', status: 400 })
    // Alice may accept requests, but the request's policy does not let the partner do it for her.
    const second = await createRequest({ RequestorWorkflowId: 'workflow-0002' })
    await w.iam(alice.credentials).send(new AssociateDelegationRequestCommand({ DelegationRequestId: second }))
    expect(await awsErrorOf(asPartner.send(new AcceptDelegationRequestCommand({ DelegationRequestId: second })))).toMatchObject({ name: 'AccessDenied' })
    expect((await getRequest(second)).State).toBe('ASSIGNED')
  })

  it("a role session's approval yields that role's session, limited by both the role's and the request's policies", async () => {
    const iam = w.iam()
    const trustAccount = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: 'sts:AssumeRole' }] })
    await iam.send(new CreateRoleCommand({ RoleName: 'approver-role', AssumeRolePolicyDocument: trustAccount }))
    // The role may approve and list roles, not read them.
    await iam.send(new PutRolePolicyCommand({ RoleName: 'approver-role', PolicyName: 'approve', PolicyDocument: JSON.stringify(allow(['iam:AcceptDelegationRequest', 'iam:SendDelegationToken', 'iam:ListRoles'])) }))
    const assumer = await createUserWithKeys(w, 'assumer', { inlinePolicy: allow('sts:AssumeRole') })
    const session = await w.sts(assumer.credentials).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCT}:role/approver-role`, RoleSessionName: 'reviewer' }))
    const roleSession = asCreds(session.Credentials)
    const id = await createRequest()
    await w.iam(alice.credentials).send(new AssociateDelegationRequestCommand({ DelegationRequestId: id }))

    // A session narrowed by a session policy cannot approve: the delegation could not keep its limit.
    const narrowed = await w.sts(assumer.credentials).send(new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${ACCT}:role/approver-role`, RoleSessionName: 'narrowed', Policy: JSON.stringify(allow('iam:AcceptDelegationRequest'))
    }))
    expect(await awsErrorOf(w.iam(asCreds(narrowed.Credentials)).send(new AcceptDelegationRequestCommand({ DelegationRequestId: id })))).toMatchObject({ name: 'AccessDenied' })
    expect((await getRequest(id)).State).toBe('ASSIGNED')

    await w.iam(roleSession).send(new AcceptDelegationRequestCommand({ DelegationRequestId: id }))
    await w.iam(roleSession).send(new SendDelegationTokenCommand({ DelegationRequestId: id }))
    const sessionArn = `arn:aws:sts::${ACCT}:assumed-role/approver-role/reviewer`
    expect((await getRequest(id)).ApproverId).toBe(sessionArn)
    const token = ((await notification(id, partner.credentials)).body as Record<string, string>).ExchangeToken!
    const out = await w.sts(partner.credentials).send(new GetDelegatedAccessTokenCommand({ TradeInToken: token }))
    expect(out.AssumedPrincipal).toBe(sessionArn)
    const delegated = asCreds(out.Credentials)
    expect((await w.sts(delegated).send(new GetCallerIdentityCommand({}))).Arn).toBe(sessionArn)
    // In the request's policy but not in the role's: denied.
    expect(await awsErrorOf(w.iam(delegated).send(new GetRoleCommand({ RoleName: 'trainer' })))).toMatchObject({ name: 'AccessDenied' })
    // In the role's but not the request's: denied.
    expect(await awsErrorOf(w.iam(delegated).send(new SendDelegationTokenCommand({ DelegationRequestId: id })))).toMatchObject({ name: 'AccessDenied' })
    // In both: allowed.
    expect((await w.iam(delegated).send(new ListRolesCommand({}))).Roles?.map((r) => r.RoleName).sort()).toEqual(['approver-role', 'other', 'trainer'])
  })
})

describe('rejection and updates', () => {
  it('rejects with notes; a rejected request cannot be accepted, updated or sent, and keeps its state', async () => {
    const id = await createRequest()
    const iam = w.iam(alice.credentials)
    await iam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: id }))
    await iam.send(new UpdateDelegationRequestCommand({ DelegationRequestId: id, Notes: 'Forwarded to the admins' }))
    const pending = await getRequest(id)
    expect(pending).toMatchObject({ State: 'PENDING_APPROVAL', Notes: 'Forwarded to the admins' })
    await iam.send(new RejectDelegationRequestCommand({ DelegationRequestId: id, Notes: 'Too broad' }))
    const rejected = await getRequest(id)
    expect(rejected).toMatchObject({ State: 'REJECTED', RejectionReason: 'Too broad' })
    // Rejected requests expire after 7 days.
    expect(rejected.ExpirationTime!.getTime() - rejected.UpdatedTime!.getTime()).toBe(7 * 86_400_000)

    const accept = await awsErrorOf(iam.send(new AcceptDelegationRequestCommand({ DelegationRequestId: id })))
    expect(accept).toMatchObject({ name: 'ConcurrentModification', status: 409 })
    expect(accept.message).toBe(`Delegation request ${id} is in state REJECTED and cannot be accepted; it must be ASSIGNED or PENDING_APPROVAL.`)
    expect(await awsErrorOf(iam.send(new UpdateDelegationRequestCommand({ DelegationRequestId: id, Notes: 'again' })))).toMatchObject({ name: 'InvalidInput', status: 400 })
    expect(await awsErrorOf(iam.send(new SendDelegationTokenCommand({ DelegationRequestId: id })))).toMatchObject({ name: 'InvalidInput' })
    expect(await getRequest(id)).toEqual(rejected)
  })

  it('an accepted request may still be rejected before its token is sent, never after', async () => {
    const early = await createRequest()
    const iam = w.iam(alice.credentials)
    await iam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: early }))
    await iam.send(new AcceptDelegationRequestCommand({ DelegationRequestId: early }))
    await iam.send(new RejectDelegationRequestCommand({ DelegationRequestId: early }))
    expect((await getRequest(early)).State).toBe('REJECTED')
    expect((await notification(early, partner.credentials)).body).not.toHaveProperty('ExchangeToken')

    const late = await createRequest({ RequestorWorkflowId: 'workflow-0002' })
    await approve(late)
    const refused = await awsErrorOf(iam.send(new RejectDelegationRequestCommand({ DelegationRequestId: late })))
    expect(refused).toMatchObject({ name: 'InvalidInput' })
    expect((await getRequest(late)).State).toBe('FINALIZED')
  })
})

describe('expiry', () => {
  it('an unassigned request expires after a day and can then be neither associated nor listed as live', async () => {
    const id = await createRequest()
    offset = 86_400_000 + 1000
    expect((await getRequest(id)).State).toBe('EXPIRED')
    const refused = await awsErrorOf(w.iam(alice.credentials).send(new AssociateDelegationRequestCommand({ DelegationRequestId: id })))
    expect(refused).toMatchObject({ name: 'InvalidInput' })
    expect(refused.message).toBe(`Delegation request ${id} is in state EXPIRED and cannot be associated; it must be UNASSIGNED.`)
  })

  it('the token is good only within the delegation period, and so are the credentials', async () => {
    const id = await createRequest()
    const token = await approve(id)
    offset = 901_000
    expect(await awsErrorOf(w.sts(partner.credentials).send(new GetDelegatedAccessTokenCommand({ TradeInToken: token })))).toMatchObject({ name: 'ExpiredTradeInTokenException' })
    expect((await getRequest(id)).State).toBe('EXPIRED')

    offset = 0
    const id2 = await createRequest({ RequestorWorkflowId: 'workflow-0002' })
    const token2 = await approve(id2)
    const creds = asCreds((await w.sts(partner.credentials).send(new GetDelegatedAccessTokenCommand({ TradeInToken: token2 }))).Credentials)
    expect((await w.iam(creds).send(new GetRoleCommand({ RoleName: 'trainer' }))).Role).toBeDefined()
    offset = 901_000
    expect(await awsErrorOf(w.iam(creds).send(new GetRoleCommand({ RoleName: 'trainer' })))).toMatchObject({ name: 'ExpiredToken', status: 403 })
  })
})

describe('who may call what', () => {
  it('callers without a policy are refused; the owner may get and update its own request without one', async () => {
    const id = await createRequest()
    const bob = await createUserWithKeys(w, 'bob')
    const denied = await awsErrorOf(w.iam(bob.credentials).send(new GetDelegationRequestCommand({ DelegationRequestId: id })))
    expect(denied).toMatchObject({ name: 'AccessDenied', status: 403 })
    expect(denied.message).toBe(`User: ${bob.arn} is not authorized to perform: iam:GetDelegationRequest on resource: arn:aws:iam::${ACCT}:delegation-request/${id} because no identity-based policy allows the iam:GetDelegationRequest action`)
    expect(await awsErrorOf(w.iam(bob.credentials).send(new AssociateDelegationRequestCommand({ DelegationRequestId: id })))).toMatchObject({ name: 'AccessDenied' })
    const noCreate = await awsErrorOf(w.iam(bob.credentials).send(new CreateDelegationRequestCommand(requestInput({ RequestorWorkflowId: 'workflow-bob' }))))
    expect(noCreate).toMatchObject({ name: 'AccessDenied' })

    const dave = await createUserWithKeys(w, 'dave', { inlinePolicy: allow('iam:AssociateDelegationRequest') })
    await w.iam(dave.credentials).send(new AssociateDelegationRequestCommand({ DelegationRequestId: id }))
    expect((await getRequest(id, dave.credentials)).OwnerId).toBe(dave.arn)
    await w.iam(dave.credentials).send(new UpdateDelegationRequestCommand({ DelegationRequestId: id, Notes: 'please approve' }))
    expect(await awsErrorOf(w.iam(dave.credentials).send(new AcceptDelegationRequestCommand({ DelegationRequestId: id })))).toMatchObject({ name: 'AccessDenied' })
    // Not the owner: a policy is needed, and bob has none.
    expect(await awsErrorOf(w.iam(bob.credentials).send(new UpdateDelegationRequestCommand({ DelegationRequestId: id })))).toMatchObject({ name: 'AccessDenied' })
    // An administrator accepts what the owner forwarded.
    await w.iam(alice.credentials).send(new AcceptDelegationRequestCommand({ DelegationRequestId: id }))
    expect(await getRequest(id)).toMatchObject({ State: 'ACCEPTED', OwnerId: dave.arn, ApproverId: alice.arn })
  })

  it('OnlySendByOwner: only the owner sends the token', async () => {
    const id = await createRequest({ OnlySendByOwner: true })
    const dave = await createUserWithKeys(w, 'dave', { inlinePolicy: allow(['iam:AssociateDelegationRequest', 'iam:SendDelegationToken']) })
    await w.iam(dave.credentials).send(new AssociateDelegationRequestCommand({ DelegationRequestId: id }))
    await w.iam(alice.credentials).send(new AcceptDelegationRequestCommand({ DelegationRequestId: id }))
    const refused = await awsErrorOf(w.iam(alice.credentials).send(new SendDelegationTokenCommand({ DelegationRequestId: id })))
    expect(refused).toMatchObject({ name: 'AccessDenied', status: 403 })
    expect((await getRequest(id)).State).toBe('ACCEPTED')
    await w.iam(dave.credentials).send(new SendDelegationTokenCommand({ DelegationRequestId: id }))
    expect((await getRequest(id)).State).toBe('FINALIZED')
  })

  it("only the requestor reads the notification; trading the token needs sts:GetDelegatedAccessToken", async () => {
    const id = await createRequest()
    const token = await approve(id)
    const other = await notification(id, alice.credentials)
    expect(other.status).toBe(404)
    expect(other.body).toContain('<Code>NoSuchEntity</Code>')
    const unsigned = await fetch(`${w.endpoint}/_warden/delegation-requests/${id}/notification`)
    expect(unsigned.status).toBe(403)
    const carol = await createUserWithKeys(w, 'carol')
    expect(await awsErrorOf(w.sts(carol.credentials).send(new GetDelegatedAccessTokenCommand({ TradeInToken: token })))).toMatchObject({ name: 'AccessDenied' })
    // The refused attempt did not use the token up.
    const out = await w.sts(partner.credentials).send(new GetDelegatedAccessTokenCommand({ TradeInToken: token }))
    expect(out.AssumedPrincipal).toBe(alice.arn)
  })
})

describe('GetHumanReadableSummary', () => {
  it('summarizes a request deterministically, in English, for whoever may get it', async () => {
    const id = await createRequest()
    const arn = `arn:aws:iam::${ACCT}:delegation-request/${id}`
    const out = await w.iam(alice.credentials).send(new GetHumanReadableSummaryCommand({ EntityArn: arn, Locale: 'en-US' }))
    expect(out.SummaryState).toBe('AVAILABLE')
    expect(out.Locale).toBe('en-US')
    expect(out.SummaryContent).toBe([
      `Account ${ACCT} requests temporary access to account ${ACCT} for 15 minutes, starting when the exchange token is sent.`,
      'Description: Set up the training role',
      'Message: Needed for the onboarding wizard',
      'The delegated credentials would be limited to:',
      `- Allow iam:GetRole, iam:TagRole on arn:aws:iam::${ACCT}:role/trainer`,
      '- Allow iam:ListRoles on all resources',
      'They can never exceed the permissions of the identity that accepts the request.'
    ].join('\n'))
    expect(await w.iam(alice.credentials).send(new GetHumanReadableSummaryCommand({ EntityArn: arn, Locale: 'fr-FR' })))
      .toMatchObject({ SummaryState: 'NOT_SUPPORTED', Locale: 'fr-FR' })
    const bob = await createUserWithKeys(w, 'bob')
    const denied = await awsErrorOf(w.iam(bob.credentials).send(new GetHumanReadableSummaryCommand({ EntityArn: arn })))
    expect(denied).toMatchObject({ name: 'AccessDenied', status: 403 })
    const notARequest = await awsErrorOf(w.iam(alice.credentials).send(new GetHumanReadableSummaryCommand({ EntityArn: `arn:aws:iam::${ACCT}:role/trainer` })))
    expect(notARequest).toEqual({ name: 'InvalidInput', status: 400, message: `Invalid EntityArn arn:aws:iam::${ACCT}:role/trainer: only delegation-request ARNs can be summarized.` })
    const ghost = await awsErrorOf(w.iam(alice.credentials).send(new GetHumanReadableSummaryCommand({ EntityArn: `arn:aws:iam::${ACCT}:delegation-request/dr-000000000000000000000000` })))
    expect(ghost).toMatchObject({ name: 'NoSuchEntity', status: 404 })
  })
})

describe('races and chains', () => {
  it('two exchanges of one token at once: exactly one gets credentials', async () => {
    const id = await createRequest()
    const token = await approve(id)
    const sts = w.sts(partner.credentials)
    const results = await Promise.allSettled([0, 1, 2, 3].map(() => sts.send(new GetDelegatedAccessTokenCommand({ TradeInToken: token }))))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { name: string }).name).toBe('ExpiredTradeInTokenException')
  })

  it('delegated credentials cannot approve a request, even when the request allows it', async () => {
    const broad = (await w.iam().send(new CreatePolicyCommand({
      PolicyName: 'BroadTemplate',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:AcceptDelegationRequest', 'iam:GetRole'], Resource: '*' }] })
    }))).Policy!.Arn!
    const id = await createRequest({ Permissions: { PolicyTemplateArn: broad } })
    const token = await approve(id)
    const delegated = asCreds((await w.sts(partner.credentials).send(new GetDelegatedAccessTokenCommand({ TradeInToken: token }))).Credentials)
    const second = await createRequest({ RequestorWorkflowId: 'workflow-0002' })
    await w.iam(alice.credentials).send(new AssociateDelegationRequestCommand({ DelegationRequestId: second }))
    const refused = await awsErrorOf(w.iam(delegated).send(new AcceptDelegationRequestCommand({ DelegationRequestId: second })))
    expect(refused).toEqual({ name: 'AccessDenied', status: 403, message: `User: ${alice.arn} is not authorized to perform: iam:AcceptDelegationRequest on resource: arn:aws:iam::${ACCT}:delegation-request/${second} because its session is limited by session policies` })
    expect((await getRequest(second)).State).toBe('ASSIGNED')
  })
})

describe('bad input changes nothing', () => {
  it('refuses bad requests with the model and IAM errors, storing nothing', async () => {
    const iam = w.iam(partner.credentials)
    const short = await awsErrorOf(iam.send(new CreateDelegationRequestCommand(requestInput({ SessionDuration: 100 }))))
    expect(short).toMatchObject({ name: 'ValidationError', status: 400 })
    expect(short.message).toContain('sessionDuration')
    const missing = await awsErrorOf(iam.send(new CreateDelegationRequestCommand(requestInput({ Permissions: { PolicyTemplateArn: templateArn } }))))
    expect(missing).toEqual({ name: 'InvalidInput', status: 400, message: 'Missing value for policy template parameter roleName.' })
    const list = await awsErrorOf(iam.send(new CreateDelegationRequestCommand(requestInput({
      Permissions: { PolicyTemplateArn: templateArn, Parameters: [{ Name: 'roleName', Values: ['a', 'b'], Type: 'string' }] }
    }))))
    expect(list.message).toBe('Policy parameter roleName of type string must have exactly one value.')
    const unknown = await awsErrorOf(iam.send(new CreateDelegationRequestCommand(requestInput({
      Permissions: { PolicyTemplateArn: `arn:aws:iam::${ACCT}:policy/NoSuchTemplate`, Parameters: [{ Name: 'roleName', Values: ['x'], Type: 'string' }] }
    }))))
    expect(unknown).toMatchObject({ name: 'InvalidInput', message: `Policy template arn:aws:iam::${ACCT}:policy/NoSuchTemplate does not exist.` })
    const channel = await awsErrorOf(iam.send(new CreateDelegationRequestCommand(requestInput({ NotificationChannel: 'my-topic' }))))
    expect(channel).toMatchObject({ name: 'InvalidInput', message: 'Invalid NotificationChannel my-topic: it must be the ARN of an SNS topic.' })
    const url = await awsErrorOf(iam.send(new CreateDelegationRequestCommand(requestInput({ RedirectUrl: 'ftp://partner.example.com' }))))
    expect(url).toMatchObject({ name: 'ValidationError' })

    // None of those stored anything: the workflow id is still free, once.
    const id = await createRequest()
    const dup = await awsErrorOf(iam.send(new CreateDelegationRequestCommand(requestInput())))
    expect(dup).toEqual({ name: 'EntityAlreadyExists', status: 409, message: 'A delegation request with RequestorWorkflowId workflow-0001 already exists.' })
    await w.iam(alice.credentials).send(new AssociateDelegationRequestCommand({ DelegationRequestId: id }))
    expect((await w.iam(alice.credentials).send(new ListDelegationRequestsCommand({}))).DelegationRequests?.length).toBe(1)
  })

  it('unknown ids, malformed ids and bad tokens are refused; states do not move', async () => {
    const iam = w.iam(alice.credentials)
    const ghost = 'dr-000000000000000000000000'
    expect(await awsErrorOf(iam.send(new GetDelegationRequestCommand({ DelegationRequestId: ghost }))))
      .toEqual({ name: 'NoSuchEntity', status: 404, message: `The delegation request with id ${ghost} cannot be found.` })
    expect(await awsErrorOf(iam.send(new AcceptDelegationRequestCommand({ DelegationRequestId: ghost })))).toMatchObject({ name: 'NoSuchEntity' })
    expect(await awsErrorOf(iam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: 'short' })))).toMatchObject({ name: 'ValidationError' })
    const id = await createRequest()
    expect(await awsErrorOf(iam.send(new AcceptDelegationRequestCommand({ DelegationRequestId: id })))).toMatchObject({ name: 'ConcurrentModification' })
    expect(await awsErrorOf(iam.send(new SendDelegationTokenCommand({ DelegationRequestId: id })))).toMatchObject({ name: 'InvalidInput' })
    expect((await getRequest(id)).State).toBe('UNASSIGNED')
    const sts = w.sts(partner.credentials)
    expect(await awsErrorOf(sts.send(new GetDelegatedAccessTokenCommand({ TradeInToken: 'not-a-token' })))).toMatchObject({ name: 'InvalidParameterValue', status: 400 })
    const token = await approve(id)
    const forged = `${token.slice(0, -4)}AAAA`
    expect(await awsErrorOf(sts.send(new GetDelegatedAccessTokenCommand({ TradeInToken: forged })))).toMatchObject({ name: 'InvalidParameterValue' })
    // The real token still works after the forgery was refused.
    expect((await sts.send(new GetDelegatedAccessTokenCommand({ TradeInToken: token }))).AssumedPrincipal).toBe(alice.arn)
  })

  it('GetDelegationRequest with DelegationPermissionCheck answers whether the caller covers the request', async () => {
    const id = await createRequest()
    const out = await w.iam(alice.credentials).send(new GetDelegationRequestCommand({ DelegationRequestId: id, DelegationPermissionCheck: true }))
    expect(out).toMatchObject({ PermissionCheckStatus: 'COMPLETE', PermissionCheckResult: 'ALLOWED' })
    const reader = await createUserWithKeys(w, 'reader', { inlinePolicy: allow(['iam:GetDelegationRequest', 'iam:GetRole']) })
    const partial = await w.iam(reader.credentials).send(new GetDelegationRequestCommand({ DelegationRequestId: id, DelegationPermissionCheck: true }))
    expect(partial.PermissionCheckResult).toBe('DENIED')
    // The call itself was allowed: its log line says Allow, whatever the probe found.
    const line = w.logs.map((l) => JSON.parse(l) as { principal?: string; action?: string; decision?: string }).filter((l) => l.principal === reader.arn && l.action === 'iam:GetDelegationRequest').at(-1)
    expect(line).toMatchObject({ decision: 'Allow', status: 200 })
  })
})

describe('boto3 and the aws CLI', () => {
  it('run the whole flow as root: the delegated session is limited to the request', async () => {
    await w.reset()
    const result = await runPythonJob('test/e2e/delegation_clients.py', { endpoint: w.endpoint, rootKey: w.root.accessKeyId, rootSecret: w.root.secretAccessKey, template: TEMPLATE, trust: JSON.parse(TRUST), topic: TOPIC })
    expect(result).toEqual({
      created: ['DelegationRequestId'],
      fresh: 'UNASSIGNED',
      listed: [true],
      isTruncated: false,
      state: 'FINALIZED',
      approver: `arn:aws:iam::${ACCT}:root`,
      periodSeconds: 1200,
      noteState: 'FINALIZED',
      assumedPrincipal: `arn:aws:iam::${ACCT}:root`,
      againFailed: true,
      againError: true,
      allowed: 'trainer',
      denied: 'AccessDenied',
      callerArn: `arn:aws:iam::${ACCT}:root`,
      rejected: ['REJECTED', 'not now']
    })
  }, 60_000)
})
