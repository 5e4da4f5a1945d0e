/**
 * `aws:ResourceTag/<key>` and `iam:ResourceTag/<key>` in authorization: a caller's policy
 * can grant IAM actions only on roles, users, managed policies and instance profiles that
 * carry a tag, and the current tags decide (a retag takes effect on the next request).
 */
import {
  CreateInstanceProfileCommand, CreatePolicyCommand, CreateRoleCommand, CreateUserCommand, GetInstanceProfileCommand, GetPolicyCommand,
  GetRoleCommand, GetUserCommand, TagPolicyCommand, TagRoleCommand, UntagRoleCommand, type IAMClient
} from '@aws-sdk/client-iam'
import { beforeAll, describe, expect, it } from 'vitest'
import { createUserWithKeys, errorOf } from '../helpers/warden.js'
import { useWarden } from '../helpers/use-warden.js'

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] })

const warden = useWarden()
let iam: IAMClient
beforeAll(() => {
  iam = warden.iam()
})

const onlyWhereTeamIsMl = (action: string, key: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: '*', Condition: { StringEquals: { [key]: 'ml' } } }]
})

describe('resource tag condition keys', () => {
  it('iam:GetRole allowed only where iam:ResourceTag/team = ml', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'ml-trainer', Path: '/ml/', AssumeRolePolicyDocument: TRUST, Tags: [{ Key: 'team', Value: 'ml' }] }))
    await iam.send(new CreateRoleCommand({ RoleName: 'cv-trainer', AssumeRolePolicyDocument: TRUST, Tags: [{ Key: 'team', Value: 'cv' }] }))
    await iam.send(new CreateRoleCommand({ RoleName: 'untagged', AssumeRolePolicyDocument: TRUST }))
    const analyst = await createUserWithKeys(warden, 'analyst', { inlinePolicy: onlyWhereTeamIsMl('iam:GetRole', 'iam:ResourceTag/team') })
    const client = warden.iam(analyst.credentials)

    expect((await client.send(new GetRoleCommand({ RoleName: 'ml-trainer' }))).Role?.Arn).toBe(`arn:aws:iam::${warden.accountId}:role/ml/ml-trainer`)
    for (const name of ['cv-trainer', 'untagged']) {
      const e = await errorOf(client.send(new GetRoleCommand({ RoleName: name })))
      expect(e).toMatchObject({ name: 'AccessDenied', status: 403 })
      expect(e.message).toBe(`User: ${analyst.arn} is not authorized to perform: iam:GetRole on resource: role ${name} because no identity-based policy allows the iam:GetRole action`)
    }
    // A role that does not exist has no tags: denied, not NoSuchEntity.
    expect(await errorOf(client.send(new GetRoleCommand({ RoleName: 'nobody' })))).toMatchObject({ name: 'AccessDenied' })

    // The tags at request time decide.
    await iam.send(new UntagRoleCommand({ RoleName: 'ml-trainer', TagKeys: ['team'] }))
    expect(await errorOf(client.send(new GetRoleCommand({ RoleName: 'ml-trainer' })))).toMatchObject({ name: 'AccessDenied' })
    await iam.send(new TagRoleCommand({ RoleName: 'cv-trainer', Tags: [{ Key: 'team', Value: 'ml' }] }))
    expect((await client.send(new GetRoleCommand({ RoleName: 'cv-trainer' }))).Role?.RoleName).toBe('cv-trainer')
  })

  it('a Create action reads no resource tags: not even those of an existing entity of that name', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'taken', AssumeRolePolicyDocument: TRUST, Tags: [{ Key: 'team', Value: 'ml' }] }))
    await iam.send(new CreateUserCommand({ UserName: 'taken-user', Tags: [{ Key: 'team', Value: 'ml' }] }))
    const creator = await createUserWithKeys(warden, 'creator', {
      inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:CreateRole', 'iam:CreateUser'], Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'ml' } } }] }
    })
    const client = warden.iam(creator.credentials)
    // Denied for a new name and for a taken one alike (no EntityAlreadyExists: the tags of 'taken' play no part).
    for (const name of ['fresh', 'taken']) {
      expect(await errorOf(client.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST })))).toMatchObject({ name: 'AccessDenied', status: 403 })
    }
    expect(await errorOf(client.send(new CreateUserCommand({ UserName: 'taken-user' })))).toMatchObject({ name: 'AccessDenied', status: 403 })
  })

  it('aws:ResourceTag works the same way for users, managed policies and instance profiles', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'tagged-user', Tags: [{ Key: 'team', Value: 'ml' }] }))
    await iam.send(new CreateUserCommand({ UserName: 'other-user' }))
    const policy = await iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }) }))
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ml-profile', Tags: [{ Key: 'team', Value: 'ml' }] }))
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'cv-profile', Tags: [{ Key: 'team', Value: 'cv' }] }))
    const reader = await createUserWithKeys(warden, 'reader', { inlinePolicy: onlyWhereTeamIsMl('iam:Get*', 'aws:ResourceTag/team') })
    const client = warden.iam(reader.credentials)

    expect((await client.send(new GetUserCommand({ UserName: 'tagged-user' }))).User?.UserName).toBe('tagged-user')
    expect(await errorOf(client.send(new GetUserCommand({ UserName: 'other-user' })))).toMatchObject({ name: 'AccessDenied' })
    expect((await client.send(new GetInstanceProfileCommand({ InstanceProfileName: 'ml-profile' }))).InstanceProfile?.InstanceProfileName).toBe('ml-profile')
    expect(await errorOf(client.send(new GetInstanceProfileCommand({ InstanceProfileName: 'cv-profile' })))).toMatchObject({ name: 'AccessDenied' })
    // Policy tags do not move the store revision; the next request still sees them.
    expect(await errorOf(client.send(new GetPolicyCommand({ PolicyArn: policy.Policy!.Arn })))).toMatchObject({ name: 'AccessDenied' })
    await iam.send(new TagPolicyCommand({ PolicyArn: policy.Policy!.Arn, Tags: [{ Key: 'team', Value: 'ml' }] }))
    expect((await client.send(new GetPolicyCommand({ PolicyArn: policy.Policy!.Arn }))).Policy?.PolicyName).toBe('p')
  })
})
