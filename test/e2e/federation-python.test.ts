/**
 * Federation with boto3 and the aws CLI (test/e2e/federation_clients.py): providers made
 * with boto3, then AssumeRoleWithWebIdentity and AssumeRoleWithSAML sent unsigned by boto3
 * and by the CLI with no credentials configured, against a real server, a test OIDC issuer
 * on 127.0.0.1 and a test SAML IdP.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startIssuer, type TestIssuer } from '../helpers/oidc-issuer.js'
import { idpMetadata, samlResponse } from '../helpers/saml-idp.js'
import { runPythonJob } from '../helpers/python-job.js'
import { startWarden, TEST_ACCOUNT_ID, type RunningWarden } from '../helpers/warden.js'

let w: RunningWarden
let issuer: TestIssuer
beforeAll(async () => {
  w = await startWarden()
  issuer = await startIssuer('/py')
})
afterAll(async () => {
  await w.stop()
  await issuer.close()
})

const ACCT = TEST_ACCOUNT_ID

it('boto3 and the aws CLI manage providers and assume roles through OIDC and SAML', async () => {
  const providerArn = `arn:aws:iam::${ACCT}:oidc-provider/${issuer.name}`
  const samlProviderArn = `arn:aws:iam::${ACCT}:saml-provider/Okta`
  const oidcRoleArn = `arn:aws:iam::${ACCT}:role/ci-training`
  const samlRoleArn = `arn:aws:iam::${ACCT}:role/saml-dev`
  const sub = 'repo:acme/ml-train:ref:refs/heads/main'
  const result = await runPythonJob('test/e2e/federation_clients.py', {
    endpoint: w.endpoint,
    rootKey: w.root.accessKeyId,
    rootSecret: w.root.secretAccessKey,
    issuerUrl: issuer.url,
    samlMetadata: idpMetadata(),
    oidcTrust: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: providerArn }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [`${issuer.name}:sub`]: sub } } }] },
    samlTrust: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: samlProviderArn }, Action: 'sts:AssumeRoleWithSAML' }] },
    oidcRoleArn,
    samlRoleArn,
    samlProviderArn,
    token: issuer.token({ sub, aud: 'sts.amazonaws.com' }),
    badToken: issuer.token({ sub, aud: 'other-app' }),
    samlResponse: samlResponse({ roleArn: samlRoleArn, providerArn: samlProviderArn, sessionName: 'alice' }),
    samlResponse2: samlResponse({ roleArn: samlRoleArn, providerArn: samlProviderArn, sessionName: 'alice-cli' })
  })
  expect(result).toEqual({
    oidcArn: providerArn,
    oidcList: [providerArn],
    samlList: [samlProviderArn],
    webArn: `arn:aws:sts::${ACCT}:assumed-role/ci-training/boto3-run`,
    webProvider: providerArn,
    samlArn: `arn:aws:sts::${ACCT}:assumed-role/saml-dev/alice`,
    samlSubjectType: 'persistent',
    badToken: 'Incorrect token audience',
    cliArn: `arn:aws:sts::${ACCT}:assumed-role/ci-training/cli-run`,
    cliSamlArn: `arn:aws:sts::${ACCT}:assumed-role/saml-dev/alice-cli`
  })
}, 120_000)
