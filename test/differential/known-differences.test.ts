/**
 * Where Warden and iam-simulate disagree on purpose. Each case runs both engines, pins
 * both answers (so a change on either side is noticed) and quotes the AWS documentation
 * that shows Warden's answer is AWS's.
 */
import { describe, expect, it } from 'vitest'
import { policyFromObject } from '../../src/policy/index.js'
import { evaluate, type RequestPrincipal } from '../../src/eval/index.js'
import { peerAuthorizer } from '../../bench/iam-simulate-peer.js'

const ACCOUNT = '111122223333'
const BUCKET_OBJECT = 'arn:aws:s3:::ml-training-data/train/a.nii'

describe('known differences with iam-simulate', () => {
  it('the account root user has full access in its own account', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html
    // "When you first create an AWS account, you begin with one sign-in identity that has
    // complete access to all AWS services and resources in the account."
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
    // identity-based policies are not attached to the root user; only SCPs and explicit
    // denies in resource-based policies limit it.
    const root: RequestPrincipal = { arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT, type: 'Account' }
    const warden = evaluate({ identity: [] }, { principal: root, action: 'iam:CreateRole', resource: `arn:aws:iam::${ACCOUNT}:role/x` })
    const peer = peerAuthorizer({ identity: [] })(root.arn, 'iam:CreateRole', `arn:aws:iam::${ACCOUNT}:role/x`, ACCOUNT, {})
    expect(warden.decision).toBe('Allow')
    expect(peer).toBe('ImplicitlyDenied')
  })

  it('session policies do not limit a resource-based policy that names the role-session ARN', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session
    // "A resource-based policy can specify the ARN of the session as a principal. In that
    // case, the permissions from the resource-based policy are added after the session is
    // created. The resource-based policy permissions are not limited by the session policy."
    const sessionArn = `arn:aws:sts::${ACCOUNT}:assumed-role/SageMakerExec/job-1`
    const bucketPolicy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: sessionArn }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::ml-training-data/*' }]
    }
    const sessionPolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:*', Resource: '*' }] }
    const trainer: RequestPrincipal = {
      arn: sessionArn,
      accountId: ACCOUNT,
      type: 'AssumedRole',
      roleArn: `arn:aws:iam::${ACCOUNT}:role/SageMakerExec`,
      userId: 'AROAEXAMPLEROLE000001:job-1'
    }
    const warden = evaluate(
      {
        identity: [],
        resource: [{ id: 'bucket', type: 'resource', policy: policyFromObject(bucketPolicy, 'resource') }],
        session: [{ id: 'session', type: 'session', policy: policyFromObject(sessionPolicy, 'session') }]
      },
      { principal: trainer, action: 's3:GetObject', resource: BUCKET_OBJECT, resourceAccount: ACCOUNT }
    )
    const peer = peerAuthorizer({ identity: [], resource: bucketPolicy, session: sessionPolicy })(
      sessionArn, 's3:GetObject', BUCKET_OBJECT, ACCOUNT, { 'aws:PrincipalArn': trainer.roleArn! }
    )
    expect(warden.decision).toBe('Allow')
    expect(peer).toBe('ImplicitlyDenied')
  })
})
