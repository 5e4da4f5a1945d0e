/** The request log: one JSON line per request with the documented fields, and never a secret. */
import { CreateRoleCommand } from '@aws-sdk/client-iam'
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createUserWithKeys, errorOf, startWarden, TEST_ROOT, type RunningWarden } from '../helpers/warden.js'

let w: RunningWarden
beforeAll(async () => {
  w = await startWarden()
})
afterAll(() => w.stop())

it('logs requests without secret keys, session tokens or signatures', async () => {
  const dev = await createUserWithKeys(w, 'dev', { inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] } })
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: dev.arn }, Action: 'sts:AssumeRole' }] })
  const role = await w.iam().send(new CreateRoleCommand({ RoleName: 'trainer', AssumeRolePolicyDocument: trust }))
  const session = await w.sts(dev.credentials).send(new AssumeRoleCommand({ RoleArn: role.Role!.Arn!, RoleSessionName: 'sess' }))
  const c = session.Credentials!
  await w.sts({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }).send(new GetCallerIdentityCommand({}))
  const st = await w.sts(dev.credentials).send(new GetSessionTokenCommand({}))
  // A wrong secret and a denied call are logged too.
  await errorOf(w.sts({ ...dev.credentials, secretAccessKey: 'x'.repeat(40) }).send(new GetCallerIdentityCommand({})))
  await errorOf(w.iam(dev.credentials).send(new CreateRoleCommand({ RoleName: 'nope', AssumeRolePolicyDocument: trust })))
  await new Promise((r) => setTimeout(r, 20))

  const text = w.logs.join('\n')
  const secrets = [TEST_ROOT.secretAccessKey, dev.credentials.secretAccessKey, c.SecretAccessKey!, c.SessionToken!, st.Credentials!.SecretAccessKey!, st.Credentials!.SessionToken!]
  for (const s of secrets) expect(text).not.toContain(s)
  expect(text).not.toMatch(/Signature=|[0-9a-f]{64}/)

  const lines = w.logs.map((l) => JSON.parse(l) as Record<string, unknown>)
  const assume = lines.find((l) => l.action === 'sts:AssumeRole')!
  expect(assume).toMatchObject({ principal: dev.arn, decision: 'Allow', status: 200 })
  expect(typeof assume.requestId).toBe('string')
  expect(typeof assume.ms).toBe('number')
  const denied = lines.find((l) => l.action === 'iam:CreateRole' && l.principal === dev.arn)!
  expect(denied).toMatchObject({ decision: 'Deny', status: 403, code: 'AccessDenied' })
  expect(lines.some((l) => l.code === 'SignatureDoesNotMatch')).toBe(true)
})
