"""
Guide 002: RBAC with IAM groups. ML_Engineers (full SageMaker, read-only S3, plus a scoped
inline policy for the SageMaker roles), ML_Admins (full administration, with a guardrail
that keeps new roles under /ml/), Analysts (read-only logs, metrics, data and IAM), and
the guide's SageMaker-Users example. Users inherit what their groups grant.
"""
import json

import pytest

from conftest import assert_unique_id, attached_arns, create_user_with_keys, denied, expect_error, service_trust

S3_READ = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'
SAGEMAKER_FULL = 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess'
ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess'
CLOUDWATCH_READ = 'arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess'
IAM_READ = 'arn:aws:iam::aws:policy/IAMReadOnlyAccess'

GROUP_POLICIES = {
    'ML_Engineers': [SAGEMAKER_FULL, S3_READ],
    'ML_Admins': [ADMIN],
    'Analysts': [S3_READ, CLOUDWATCH_READ, IAM_READ],
    'SageMaker-Users': [SAGEMAKER_FULL, S3_READ],
}


def engineers_scoped_policy(account_id: str) -> dict:
    """Least privilege: engineers may read and pass only the SageMaker execution roles."""
    return {
        'Version': '2012-10-17',
        'Statement': [
            {
                'Sid': 'ReadSageMakerRoles',
                'Effect': 'Allow',
                'Action': ['iam:GetRole', 'iam:ListAttachedRolePolicies'],
                'Resource': f'arn:aws:iam::{account_id}:role/SageMaker-*',
            },
            {
                'Sid': 'PassSageMakerRoles',
                'Effect': 'Allow',
                'Action': 'iam:PassRole',
                'Resource': f'arn:aws:iam::{account_id}:role/SageMaker-*',
                'Condition': {'StringEquals': {'iam:PassedToService': 'sagemaker.amazonaws.com'}},
            },
        ],
    }


def admins_guardrail(account_id: str) -> dict:
    return {
        'Version': '2012-10-17',
        'Statement': [
            {
                'Sid': 'RolesOnlyUnderMlPath',
                'Effect': 'Deny',
                'Action': 'iam:CreateRole',
                'NotResource': f'arn:aws:iam::{account_id}:role/ml/*',
            }
        ],
    }


@pytest.fixture(scope='module')
def groups(fresh_account, target, iam):
    created = {}
    for name, arns in GROUP_POLICIES.items():
        created[name] = iam.create_group(GroupName=name)['Group']
        for arn in arns:
            iam.attach_group_policy(GroupName=name, PolicyArn=arn)
    iam.put_group_policy(
        GroupName='ML_Engineers', PolicyName='SageMakerRolesOnly',
        PolicyDocument=json.dumps(engineers_scoped_policy(target.account_id)),
    )
    iam.put_group_policy(
        GroupName='ML_Admins', PolicyName='RolesUnderMl', PolicyDocument=json.dumps(admins_guardrail(target.account_id)),
    )
    for name in ('SageMaker-UNetTraining-ExecutionRole', 'EC2-Training-Role'):
        iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(service_trust('sagemaker.amazonaws.com')))
    return created


@pytest.fixture(scope='module')
def users(groups, target, iam):
    return {
        'engineer': create_user_with_keys(target, iam, 'eve-engineer', groups=['ML_Engineers', 'SageMaker-Users']),
        'admin': create_user_with_keys(target, iam, 'ada-admin', groups=['ML_Admins']),
        'analyst': create_user_with_keys(target, iam, 'ann-analyst', groups=['Analysts']),
    }


def test_groups_are_created(groups, target, iam):
    for name, group in groups.items():
        assert group['Arn'] == f'arn:aws:iam::{target.account_id}:group/{name}'
        assert group['Path'] == '/'
        assert_unique_id(group['GroupId'], 'AGPA')
    listed = sorted(g['GroupName'] for g in iam.list_groups()['Groups'])
    assert listed == sorted(GROUP_POLICIES)


def test_group_policies_are_attached(groups, target, iam):
    for name, arns in GROUP_POLICIES.items():
        assert attached_arns(iam.list_attached_group_policies(GroupName=name)) == set(arns)
    assert iam.list_group_policies(GroupName='ML_Engineers')['PolicyNames'] == ['SageMakerRolesOnly']
    inline = iam.get_group_policy(GroupName='ML_Engineers', PolicyName='SageMakerRolesOnly')
    assert inline['PolicyDocument'] == engineers_scoped_policy(target.account_id)
    assert inline['GroupName'] == 'ML_Engineers'


def test_duplicate_group_is_rejected(groups, iam):
    expect_error(
        iam.create_group, 'EntityAlreadyExists', 409, 'Group with name Analysts already exists.',
        moto_words_it_differently=True, GroupName='Analysts',
    )


def test_users_are_members(users, iam):
    memberships = {
        who: sorted(g['GroupName'] for g in iam.list_groups_for_user(UserName=user.name)['Groups'])
        for who, user in users.items()
    }
    assert memberships == {
        'engineer': ['ML_Engineers', 'SageMaker-Users'],
        'admin': ['ML_Admins'],
        'analyst': ['Analysts'],
    }
    members = iam.get_group(GroupName='ML_Engineers')
    assert [u['UserName'] for u in members['Users']] == ['eve-engineer']
    assert members['Group']['GroupName'] == 'ML_Engineers'


def test_membership_is_via_groups_not_user_policies(users, iam):
    for user in users.values():
        assert iam.list_attached_user_policies(UserName=user.name)['AttachedPolicies'] == []
        assert iam.list_user_policies(UserName=user.name)['PolicyNames'] == []


def test_analyst_can_read(users, iam):
    analyst = users['analyst']
    assert {g['GroupName'] for g in analyst.iam.list_groups()['Groups']} == set(GROUP_POLICIES)
    assert analyst.iam.get_group(GroupName='Analysts')['Users'][0]['UserName'] == 'ann-analyst'
    assert 'EC2-Training-Role' in [r['RoleName'] for r in analyst.iam.list_roles()['Roles']]
    assert analyst.iam.list_groups_for_user(UserName='ann-analyst')['Groups'][0]['GroupName'] == 'Analysts'


@pytest.mark.warden_only(reason='authorization: moto does not enforce policies by default')
def test_analyst_cannot_write(users, target, iam):
    analyst = users['analyst']
    expect_error(
        analyst.iam.create_user, 'AccessDenied', 403,
        denied(analyst.arn, 'iam:CreateUser', f'arn:aws:iam::{target.account_id}:user/intern'),
        UserName='intern',
    )
    expect_error(
        analyst.iam.create_role, 'AccessDenied', 403,
        denied(analyst.arn, 'iam:CreateRole', f'arn:aws:iam::{target.account_id}:role/analyst-role'),
        RoleName='analyst-role', AssumeRolePolicyDocument=json.dumps(service_trust('ec2.amazonaws.com')),
    )
    expect_error(iam.get_user, 'NoSuchEntity', 404, UserName='intern')


@pytest.mark.warden_only(reason='authorization: moto does not enforce policies by default')
def test_engineer_scoped_role_access(users, target):
    engineer = users['engineer']
    # ListRoles comes from AmazonSageMakerFullAccess; GetRole only from the scoped inline policy.
    assert 'SageMaker-UNetTraining-ExecutionRole' in [r['RoleName'] for r in engineer.iam.list_roles()['Roles']]
    role = engineer.iam.get_role(RoleName='SageMaker-UNetTraining-ExecutionRole')['Role']
    assert role['Arn'] == f'arn:aws:iam::{target.account_id}:role/SageMaker-UNetTraining-ExecutionRole'
    expect_error(
        engineer.iam.get_role, 'AccessDenied', 403,
        denied(engineer.arn, 'iam:GetRole', 'role EC2-Training-Role'),
        RoleName='EC2-Training-Role',
    )
    expect_error(
        engineer.iam.create_group, 'AccessDenied', 403,
        denied(engineer.arn, 'iam:CreateGroup', f'arn:aws:iam::{target.account_id}:group/Engineers2'),
        GroupName='Engineers2',
    )


@pytest.mark.warden_only(reason='authorization: moto does not enforce policies by default')
def test_admin_guardrail_explicit_deny(users, target, iam):
    admin = users['admin']
    made = admin.iam.create_role(
        RoleName='team-training', Path='/ml/', AssumeRolePolicyDocument=json.dumps(service_trust('sagemaker.amazonaws.com')),
    )['Role']
    assert made['Arn'] == f'arn:aws:iam::{target.account_id}:role/ml/team-training'
    # AdministratorAccess allows everything, but the group's Deny wins outside /ml/.
    expect_error(
        admin.iam.create_role, 'AccessDenied', 403,
        denied(admin.arn, 'iam:CreateRole', f'arn:aws:iam::{target.account_id}:role/rogue', explicit=True),
        RoleName='rogue', AssumeRolePolicyDocument=json.dumps(service_trust('sagemaker.amazonaws.com')),
    )
    assert admin.iam.create_user(UserName='new-analyst')['User']['UserName'] == 'new-analyst'
    admin.iam.add_user_to_group(GroupName='Analysts', UserName='new-analyst')
    assert [g['GroupName'] for g in iam.list_groups_for_user(UserName='new-analyst')['Groups']] == ['Analysts']


@pytest.mark.warden_only(reason='authorization: moto does not enforce policies by default')
def test_leaving_a_group_removes_its_permissions(users, target, iam):
    analyst = users['analyst']
    iam.add_user_to_group(GroupName='ML_Admins', UserName='ann-analyst')
    assert analyst.iam.create_user(UserName='temp-user')['User']['UserName'] == 'temp-user'
    iam.remove_user_from_group(GroupName='ML_Admins', UserName='ann-analyst')
    expect_error(
        analyst.iam.delete_user, 'AccessDenied', 403, UserName='temp-user',
    )
    assert [g['GroupName'] for g in iam.list_groups_for_user(UserName='ann-analyst')['Groups']] == ['Analysts']


@pytest.mark.warden_only(reason='moto deletes groups that still have members or policies')
def test_delete_group_needs_it_empty(users, iam):
    iam.create_group(GroupName='Temp-Group')
    iam.add_user_to_group(GroupName='Temp-Group', UserName='ann-analyst')
    expect_error(
        iam.delete_group, 'DeleteConflict', 409, 'Cannot delete entity, must remove users from group first.',
        GroupName='Temp-Group',
    )
    iam.remove_user_from_group(GroupName='Temp-Group', UserName='ann-analyst')
    iam.attach_group_policy(GroupName='Temp-Group', PolicyArn=S3_READ)
    expect_error(
        iam.delete_group, 'DeleteConflict', 409, 'Cannot delete entity, must detach all policies first.',
        GroupName='Temp-Group',
    )
    iam.detach_group_policy(GroupName='Temp-Group', PolicyArn=S3_READ)
    assert iam.delete_group(GroupName='Temp-Group')['ResponseMetadata']['HTTPStatusCode'] == 200


def test_empty_group_is_deleted(users, iam):
    iam.create_group(GroupName='Short-Lived')
    iam.add_user_to_group(GroupName='Short-Lived', UserName='ann-analyst')
    iam.remove_user_from_group(GroupName='Short-Lived', UserName='ann-analyst')
    assert iam.get_group(GroupName='Short-Lived')['Users'] == []
    assert iam.delete_group(GroupName='Short-Lived')['ResponseMetadata']['HTTPStatusCode'] == 200
    expect_error(
        iam.get_group, 'NoSuchEntity', 404, 'The group with name Short-Lived cannot be found.',
        moto_words_it_differently=True, GroupName='Short-Lived',
    )
    assert [g['GroupName'] for g in iam.list_groups_for_user(UserName='ann-analyst')['Groups']] == ['Analysts']
