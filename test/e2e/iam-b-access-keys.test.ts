/**
 * Access keys end to end: keys created through CreateAccessKey sign real requests with
 * the AWS SDK; deactivated and deleted keys stop working.
 */
import {
  CreateAccessKeyCommand, CreateUserCommand, DeleteAccessKeyCommand, GetAccessKeyLastUsedCommand, GetUserCommand,
  IAMClient, ListAccessKeysCommand, PutUserPolicyCommand, UpdateAccessKeyCommand
} from '@aws-sdk/client-iam'
import { beforeAll, describe, expect, it } from 'vitest'
import { TEST_ACCOUNT_ID } from '../helpers/warden.js'
import { expectAwsError, useWarden } from '../helpers/use-warden.js'

const warden = useWarden()
const account = TEST_ACCOUNT_ID
let iam: IAMClient
beforeAll(() => {
  iam = warden.iam()
})


// The developer may manage their own keys and read themselves, as the AWS guide suggests:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html
const SELF_MANAGE_KEYS = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{
    Effect: 'Allow',
    Action: ['iam:CreateAccessKey', 'iam:ListAccessKeys', 'iam:UpdateAccessKey', 'iam:DeleteAccessKey', 'iam:GetUser', 'iam:GetAccessKeyLastUsed'],
    Resource: 'arn:aws:iam::*:user/team/${aws:username}'
  }]
})

describe('access keys', () => {
  it('creates keys that sign requests, lists them, deactivates and deletes them', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'dev', Path: '/team/' }))
    await iam.send(new PutUserPolicyCommand({ UserName: 'dev', PolicyName: 'self', PolicyDocument: SELF_MANAGE_KEYS }))
    const created = await iam.send(new CreateAccessKeyCommand({ UserName: 'dev' }))
    const key = created.AccessKey
    expect(key?.AccessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/)
    expect(key?.SecretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/)
    expect(key?.Status).toBe('Active')
    expect(key?.UserName).toBe('dev')

    const never = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key?.AccessKeyId }))
    expect(never).toMatchObject({ UserName: 'dev', AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } })
    expect(never.AccessKeyLastUsed?.LastUsedDate).toBeUndefined()

    const asDev = warden.iam({ accessKeyId: key?.AccessKeyId ?? '', secretAccessKey: key?.SecretAccessKey ?? '' })
    const me = await asDev.send(new GetUserCommand({}))
    expect(me.User?.Arn).toBe(`arn:aws:iam::${account}:user/team/dev`)

    // Without UserName the calls act on the caller's own user.
    const second = await asDev.send(new CreateAccessKeyCommand({}))
    expect(second.AccessKey?.UserName).toBe('dev')
    const listed = await asDev.send(new ListAccessKeysCommand({}))
    expect(listed.AccessKeyMetadata?.map((k) => k.AccessKeyId).sort()).toEqual([key?.AccessKeyId, second.AccessKey?.AccessKeyId].sort())
    expect(listed.AccessKeyMetadata?.every((k) => k.UserName === 'dev' && k.Status === 'Active')).toBe(true)
    await expectAwsError(iam.send(new CreateAccessKeyCommand({ UserName: 'dev' })), 'LimitExceeded', 409, 'Cannot exceed quota for AccessKeysPerUser: 2')

    const used = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key?.AccessKeyId }))
    expect(used.AccessKeyLastUsed?.ServiceName).toBe('iam')
    expect(used.AccessKeyLastUsed?.LastUsedDate).toBeInstanceOf(Date)

    await iam.send(new UpdateAccessKeyCommand({ UserName: 'dev', AccessKeyId: key?.AccessKeyId, Status: 'Inactive' }))
    expect((await iam.send(new ListAccessKeysCommand({ UserName: 'dev' }))).AccessKeyMetadata?.find((k) => k.AccessKeyId === key?.AccessKeyId)?.Status).toBe('Inactive')
    await expectAwsError(asDev.send(new GetUserCommand({})), 'InvalidClientTokenId', 403)
    await iam.send(new UpdateAccessKeyCommand({ UserName: 'dev', AccessKeyId: key?.AccessKeyId, Status: 'Active' }))
    expect((await asDev.send(new GetUserCommand({}))).User?.UserName).toBe('dev')

    const wrongSecret = warden.iam({ accessKeyId: key?.AccessKeyId ?? '', secretAccessKey: 'x'.repeat(40) })
    await expectAwsError(wrongSecret.send(new GetUserCommand({})), 'SignatureDoesNotMatch', 403)

    await iam.send(new DeleteAccessKeyCommand({ UserName: 'dev', AccessKeyId: key?.AccessKeyId }))
    await expectAwsError(asDev.send(new GetUserCommand({})), 'InvalidClientTokenId', 403)
    await expectAwsError(iam.send(new DeleteAccessKeyCommand({ UserName: 'dev', AccessKeyId: key?.AccessKeyId })), 'NoSuchEntity', 404,
      `The Access Key with id ${key?.AccessKeyId} cannot be found`)
    expect((await iam.send(new ListAccessKeysCommand({ UserName: 'dev' }))).AccessKeyMetadata?.map((k) => k.AccessKeyId)).toEqual([second.AccessKey?.AccessKeyId])
  })

  it('a user may not manage another user\'s keys without permission', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'dev' }))
    await iam.send(new CreateUserCommand({ UserName: 'admin' }))
    await iam.send(new PutUserPolicyCommand({ UserName: 'dev', PolicyName: 'self', PolicyDocument: SELF_MANAGE_KEYS }))
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'dev' }))).AccessKey
    const asDev = warden.iam({ accessKeyId: key?.AccessKeyId ?? '', secretAccessKey: key?.SecretAccessKey ?? '' })
    await expectAwsError(asDev.send(new CreateAccessKeyCommand({ UserName: 'admin' })), 'AccessDenied', 403)
    expect((await iam.send(new ListAccessKeysCommand({ UserName: 'admin' }))).AccessKeyMetadata).toEqual([])
    await expectAwsError(iam.send(new CreateAccessKeyCommand({ UserName: 'nobody' })), 'NoSuchEntity', 404, 'The user with name nobody cannot be found.')
  })
})
