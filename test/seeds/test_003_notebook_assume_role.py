"""
Guide 003: the SageMaker-fundamentals notebook. Signed in as an IAM user (hongshan, an
administrator), it creates basic-role trusting itself and SageMaker, deletes and recreates
roles and policies the way create_execution_role / attach_permission do, hits
MalformedPolicyDocument and AccessDenied, and assumes the role to use its temporary
credentials.
"""
import datetime
import json
from pathlib import Path

import pytest

from conftest import (
    assert_unique_id, attached_arns, client, create_user_with_keys, denied, expect_error, resource, session_identity,
)
from documents import BASIC_S3, BASIC_S3_PERMISSION, notebook_trust

ROLE = 'basic-role'
CASES = json.loads((Path(__file__).parent / 'malformed-policy-cases.json').read_text())['cases']


class Notebook:
    """The notebook's helper functions, as written in the guide, on the user's boto3 clients."""

    def __init__(self, user, target):
        self.iam = user.iam
        self.res = resource(target, user.access_key_id, user.secret_access_key)
        self.user_arn = user.sts.get_caller_identity()['Arn']

    def create_execution_role(self, role_name=ROLE):
        role = None
        for rol in self.iam.list_roles()['Roles']:
            if rol['RoleName'] == role_name:
                role = self.res.Role(role_name)
                for p in role.attached_policies.all():
                    role.detach_policy(PolicyArn=p.arn)
                break
        if role is not None:
            self.iam.delete_role(RoleName=role.name)
        return self.iam.create_role(
            RoleName=role_name, AssumeRolePolicyDocument=json.dumps(notebook_trust(self.user_arn)),
        )

    def attach_permission(self, role_name, policy_name, policy_doc):
        policy = None
        # The guide lists the first page of all policies; customer policies are what it wants.
        for p in self.iam.list_policies(Scope='Local')['Policies']:
            if p['PolicyName'] == policy_name:
                policy = self.res.Policy(p['Arn'])
                for grp in policy.attached_groups.all():
                    policy.detach_group(GroupName=grp.name)
                for usr in policy.attached_users.all():
                    policy.detach_user(UserName=usr.name)
                for rol in policy.attached_roles.all():
                    policy.detach_role(RoleName=rol.name)
                break
        if policy is not None:
            self.iam.delete_policy(PolicyArn=policy.arn)
        policy = self.iam.create_policy(PolicyName=policy_name, PolicyDocument=json.dumps(policy_doc))['Policy']
        return self.iam.attach_role_policy(RoleName=role_name, PolicyArn=policy['Arn'])


@pytest.fixture(scope='module')
def hongshan(fresh_account, target, iam):
    return create_user_with_keys(target, iam, 'hongshan', managed=['arn:aws:iam::aws:policy/AdministratorAccess'])


@pytest.fixture(scope='module')
def notebook(hongshan, target):
    return Notebook(hongshan, target)


@pytest.fixture(scope='module')
def role_res(notebook):
    return notebook.create_execution_role()


def test_user_arn_from_caller_identity(notebook, hongshan, target):
    assert notebook.user_arn == f'arn:aws:iam::{target.account_id}:user/hongshan'


def test_create_execution_role(role_res, notebook, target):
    assert role_res['ResponseMetadata']['HTTPStatusCode'] == 200
    role = role_res['Role']
    assert role['Arn'] == f'arn:aws:iam::{target.account_id}:role/{ROLE}'
    assert role['Path'] == '/'
    # The document comes back as written: the one-element Service list stays a list.
    assert role['AssumeRolePolicyDocument'] == notebook_trust(notebook.user_arn)
    assert role['AssumeRolePolicyDocument']['Statement'][0]['Principal']['Service'] == ['sagemaker.amazonaws.com']


def test_attach_permission(role_res, notebook, target, iam):
    response = notebook.attach_permission(ROLE, 'Basic', BASIC_S3_PERMISSION)
    assert response['ResponseMetadata']['HTTPStatusCode'] == 200
    arn = f'arn:aws:iam::{target.account_id}:policy/Basic'
    assert attached_arns(iam.list_attached_role_policies(RoleName=ROLE)) == {arn}
    assert iam.get_policy_version(PolicyArn=arn, VersionId='v1')['PolicyVersion']['Document'] == BASIC_S3_PERMISSION


def test_attach_permission_again_replaces_the_policy(role_res, notebook, target, iam):
    first_id = iam.get_policy(PolicyArn=f'arn:aws:iam::{target.account_id}:policy/Basic')['Policy']['PolicyId']
    notebook.attach_permission(ROLE, 'Basic', BASIC_S3_PERMISSION)
    again = iam.get_policy(PolicyArn=f'arn:aws:iam::{target.account_id}:policy/Basic')['Policy']
    assert again['PolicyId'] != first_id
    assert again['AttachmentCount'] == 1
    # basic_s3: IAM does not check action names, and accepts an empty bucket name.
    notebook.attach_permission(ROLE, 'basic_s3', BASIC_S3)
    names = sorted(p['PolicyName'] for p in iam.list_attached_role_policies(RoleName=ROLE)['AttachedPolicies'])
    assert names == ['Basic', 'basic_s3']


@pytest.mark.warden_only(reason='moto deletes policies that are still attached')
def test_delete_attached_policy_is_a_conflict(role_res, notebook, target):
    expect_error(
        notebook.iam.delete_policy, 'DeleteConflict', 409, 'Cannot delete a policy attached to entities.',
        PolicyArn=f'arn:aws:iam::{target.account_id}:policy/Basic',
    )


def _case_params():
    params = []
    for case in CASES:
        marks = [pytest.mark.warden_only(reason=case['warden_only'])] if case.get('warden_only') else []
        params.append(pytest.param(case, id=case['name'].replace(' ', '-'), marks=marks))
    return params


@pytest.mark.parametrize('case', _case_params())
def test_malformed_policy_document(case, role_res, notebook, iam):
    document = case['document'] if case.get('raw') else json.dumps(case['document'])
    if case['operation'] == 'CreateRole':
        call, kwargs, gone = notebook.iam.create_role, {'RoleName': 'malformed-role', 'AssumeRolePolicyDocument': document}, 'role'
    elif case['operation'] == 'UpdateAssumeRolePolicy':
        call, kwargs, gone = notebook.iam.update_assume_role_policy, {'RoleName': ROLE, 'PolicyDocument': document}, None
    else:
        call, kwargs, gone = notebook.iam.create_policy, {'PolicyName': 'malformed-policy', 'PolicyDocument': document}, 'policy'
    expect_error(
        call, 'MalformedPolicyDocument', 400, case['message'],
        moto_words_it_differently=case.get('moto_words_it_differently', False), **kwargs,
    )
    # Bad input changes nothing.
    if gone == 'role':
        expect_error(iam.get_role, 'NoSuchEntity', 404, RoleName='malformed-role')
    elif gone == 'policy':
        assert 'malformed-policy' not in [p['PolicyName'] for p in iam.list_policies(Scope='Local')['Policies']]
    else:
        assert iam.get_role(RoleName=ROLE)['Role']['AssumeRolePolicyDocument'] == notebook_trust(notebook.user_arn)


@pytest.fixture(scope='module')
def assumed(role_res, hongshan):
    return hongshan.sts.assume_role(RoleArn=role_res['Role']['Arn'], RoleSessionName='xyz')


def test_assume_role(assumed, role_res, target):
    assert assumed['ResponseMetadata']['HTTPStatusCode'] == 200
    arn = f'arn:aws:sts::{target.account_id}:assumed-role/{ROLE}/xyz'
    assert assumed['AssumedRoleUser'] == {'AssumedRoleId': f"{role_res['Role']['RoleId']}:xyz", 'Arn': arn}
    cred = assumed['Credentials']
    assert_unique_id(cred['AccessKeyId'], 'ASIA')
    assert len(cred['SecretAccessKey']) == 40
    assert cred['SessionToken']
    lifetime = cred['Expiration'] - datetime.datetime.now(datetime.timezone.utc)
    assert datetime.timedelta(minutes=55) < lifetime <= datetime.timedelta(hours=1, minutes=1)


def test_temporary_credentials_identity(assumed, role_res, target):
    session = session_identity(target, assumed)
    identity = session.sts.get_caller_identity()
    assert identity['Arn'] == f'arn:aws:sts::{target.account_id}:assumed-role/{ROLE}/xyz'
    assert identity['UserId'] == f"{role_res['Role']['RoleId']}:xyz"
    assert identity['Account'] == target.account_id


@pytest.mark.warden_only(reason='authorization: moto does not enforce policies by default')
def test_temporary_credentials_have_only_the_role_permissions(assumed, target):
    session = session_identity(target, assumed)
    # basic-role holds S3 permissions only.
    expect_error(
        session.iam.get_role, 'AccessDenied', 403,
        denied(f'arn:aws:sts::{target.account_id}:assumed-role/{ROLE}/xyz', 'iam:GetRole', f'role {ROLE}'),
        RoleName=ROLE,
    )


@pytest.mark.warden_only(reason='moto does not check session tokens')
def test_temporary_credentials_need_the_session_token(assumed, target):
    cred = assumed['Credentials']
    without = client(target, 'sts', cred['AccessKeyId'], cred['SecretAccessKey'])
    expect_error(
        without.get_caller_identity, 'InvalidClientTokenId', 403, 'The security token included in the request is invalid.',
    )


@pytest.mark.warden_only(reason='moto does not validate RoleSessionName')
def test_invalid_session_name(role_res, hongshan):
    expect_error(
        hongshan.sts.assume_role, 'ValidationError', 400,
        "1 validation error detected: Value 'Session1:2' at 'roleSessionName' failed to satisfy constraint: "
        'Member must satisfy regular expression pattern: [\\w+=,.@-]*',
        RoleArn=role_res['Role']['Arn'], RoleSessionName='Session1:2',
    )


@pytest.mark.warden_only(reason='authorization: moto does not evaluate trust policies by default')
def test_assume_role_denied_when_trust_policy_omits_the_user(role_res, hongshan, notebook, target, iam):
    only_sagemaker = {
        'Version': '2012-10-17',
        'Statement': [{'Effect': 'Allow', 'Principal': {'Service': 'sagemaker.amazonaws.com'}, 'Action': 'sts:AssumeRole'}],
    }
    iam.update_assume_role_policy(RoleName=ROLE, PolicyDocument=json.dumps(only_sagemaker))
    try:
        # AdministratorAccess is not enough: the role's trust policy must let the user in.
        expect_error(
            hongshan.sts.assume_role, 'AccessDenied', 403,
            f'User: {hongshan.arn} is not authorized to perform: sts:AssumeRole on resource: '
            f'arn:aws:iam::{target.account_id}:role/{ROLE}',
            RoleArn=role_res['Role']['Arn'], RoleSessionName='AssumeRoleSession1',
        )
    finally:
        iam.update_assume_role_policy(RoleName=ROLE, PolicyDocument=json.dumps(notebook_trust(notebook.user_arn)))
    again = hongshan.sts.assume_role(RoleArn=role_res['Role']['Arn'], RoleSessionName='AssumeRoleSession1')
    assert again['AssumedRoleUser']['Arn'] == f'arn:aws:sts::{target.account_id}:assumed-role/{ROLE}/AssumeRoleSession1'


@pytest.mark.warden_only(reason='authorization: moto does not evaluate trust policies by default')
def test_assume_role_denied_for_another_user(role_res, target, iam):
    stranger = create_user_with_keys(target, iam, 'stranger', managed=['arn:aws:iam::aws:policy/IAMReadOnlyAccess'])
    expect_error(
        stranger.sts.assume_role, 'AccessDenied', 403,
        f'User: {stranger.arn} is not authorized to perform: sts:AssumeRole on resource: '
        f'arn:aws:iam::{target.account_id}:role/{ROLE}',
        RoleArn=role_res['Role']['Arn'], RoleSessionName='xyz',
    )


def test_create_existing_role_is_entity_already_exists(role_res, notebook):
    expect_error(
        notebook.iam.create_role, 'EntityAlreadyExists', 409, f'Role with name {ROLE} already exists.',
        RoleName=ROLE, AssumeRolePolicyDocument=json.dumps(notebook_trust(notebook.user_arn)),
    )


@pytest.mark.warden_only(reason='moto deletes roles with attached policies')
def test_delete_role_with_policies_is_a_conflict(role_res, notebook):
    expect_error(
        notebook.iam.delete_role, 'DeleteConflict', 409, 'Cannot delete entity, must detach all policies first.',
        RoleName=ROLE,
    )


def test_delete_and_recreate(role_res, notebook, target, iam):
    old_id = iam.get_role(RoleName=ROLE)['Role']['RoleId']
    role = notebook.res.Role(ROLE)
    for p in role.attached_policies.all():
        role.detach_policy(PolicyArn=p.arn)
    assert iam.list_attached_role_policies(RoleName=ROLE)['AttachedPolicies'] == []
    assert notebook.iam.delete_role(RoleName=ROLE)['ResponseMetadata']['HTTPStatusCode'] == 200
    expect_error(
        iam.get_role, 'NoSuchEntity', 404, f'The role with name {ROLE} cannot be found.',
        moto_words_it_differently=True, RoleName=ROLE,
    )
    assert ROLE not in [r['RoleName'] for r in iam.list_roles()['Roles']]
    recreated = notebook.create_execution_role()['Role']
    assert recreated['Arn'] == f'arn:aws:iam::{target.account_id}:role/{ROLE}'
    assert recreated['RoleId'] != old_id
    # Detached customer policies survive their role.
    assert iam.get_policy(PolicyArn=f'arn:aws:iam::{target.account_id}:policy/Basic')['Policy']['AttachmentCount'] == 0


def test_create_execution_role_replaces_an_existing_role(role_res, notebook, target, iam):
    notebook.attach_permission(ROLE, 'Basic', BASIC_S3_PERMISSION)
    before = iam.get_role(RoleName=ROLE)['Role']['RoleId']
    replaced = notebook.create_execution_role()['Role']
    assert replaced['RoleId'] != before
    assert iam.list_attached_role_policies(RoleName=ROLE)['AttachedPolicies'] == []
