"""
Guide 000: the EC2 training role. The admin creates EC2-Training-Role for the EC2 use
case, a restricted EC2TrainingPolicy plus the three AWS managed policies, the instance
profile the console makes alongside, then edits the trust policy so EC2-Training-User
can assume the role.
"""
import json

import pytest

from conftest import assert_unique_id, create_user_with_keys, expect_error, service_trust, session_identity
from documents import EC2_TRAINING_POLICY, ec2_training_trust

ROLE = 'EC2-Training-Role'
MANAGED = [
    'arn:aws:iam::aws:policy/AmazonS3FullAccess',
    'arn:aws:iam::aws:policy/CloudWatchLogsFullAccess',
    'arn:aws:iam::aws:policy/AmazonEC2FullAccess',
]


@pytest.fixture(scope='module')
def role(fresh_account, iam):
    """Console: Create role -> AWS service -> EC2 -> attach EC2TrainingPolicy -> name it."""
    created = iam.create_role(
        RoleName=ROLE,
        AssumeRolePolicyDocument=json.dumps(service_trust('ec2.amazonaws.com')),
        Description='Allows EC2 instances to call AWS services on your behalf.',
    )
    assert created['ResponseMetadata']['HTTPStatusCode'] == 200
    return created['Role']


@pytest.fixture(scope='module')
def training_policy(fresh_account, iam):
    return iam.create_policy(PolicyName='EC2TrainingPolicy', PolicyDocument=json.dumps(EC2_TRAINING_POLICY))['Policy']


def test_create_role_for_ec2_use_case(role, target, iam):
    assert role['RoleName'] == ROLE
    assert role['Arn'] == f'arn:aws:iam::{target.account_id}:role/{ROLE}'
    assert role['Path'] == '/'
    assert_unique_id(role['RoleId'], 'AROA')
    assert role['AssumeRolePolicyDocument'] == service_trust('ec2.amazonaws.com')
    fetched = iam.get_role(RoleName=ROLE)['Role']
    assert fetched['Arn'] == role['Arn']
    assert fetched['RoleId'] == role['RoleId']
    assert fetched['MaxSessionDuration'] == 3600
    assert fetched['Description'] == 'Allows EC2 instances to call AWS services on your behalf.'
    assert fetched['AssumeRolePolicyDocument'] == service_trust('ec2.amazonaws.com')


def test_custom_policy_is_created_and_round_trips(training_policy, target, iam):
    assert training_policy['Arn'] == f'arn:aws:iam::{target.account_id}:policy/EC2TrainingPolicy'
    assert training_policy['DefaultVersionId'] == 'v1'
    assert training_policy['AttachmentCount'] == 0
    assert training_policy['IsAttachable'] is True
    assert_unique_id(training_policy['PolicyId'], 'ANPA')
    version = iam.get_policy_version(PolicyArn=training_policy['Arn'], VersionId='v1')['PolicyVersion']
    assert version['IsDefaultVersion'] is True
    assert version['Document'] == EC2_TRAINING_POLICY


def test_attach_custom_and_managed_policies(role, training_policy, iam):
    iam.attach_role_policy(RoleName=ROLE, PolicyArn=training_policy['Arn'])
    for arn in MANAGED:
        response = iam.attach_role_policy(RoleName=ROLE, PolicyArn=arn)
        assert response['ResponseMetadata']['HTTPStatusCode'] == 200
    listed = iam.list_attached_role_policies(RoleName=ROLE)['AttachedPolicies']
    assert sorted((p['PolicyName'], p['PolicyArn']) for p in listed) == sorted(
        [('EC2TrainingPolicy', training_policy['Arn'])] + [(a.rsplit('/', 1)[1], a) for a in MANAGED]
    )
    assert iam.get_policy(PolicyArn=training_policy['Arn'])['Policy']['AttachmentCount'] == 1
    # Attaching again is idempotent in IAM.
    iam.attach_role_policy(RoleName=ROLE, PolicyArn=MANAGED[0])
    assert len(iam.list_attached_role_policies(RoleName=ROLE)['AttachedPolicies']) == 4


@pytest.mark.warden_only(reason='moto does not implement the policy simulator')
def test_simulator_training_policy_may_stop_instances_but_not_run_them(training_policy, target, iam):
    # Check the guide's restricted policy before relying on it: simulate it as text.
    document = iam.get_policy_version(PolicyArn=training_policy['Arn'], VersionId='v1')['PolicyVersion']['Document']
    text = json.dumps(document, indent=4)
    instance = f'arn:aws:ec2:us-east-1:{target.account_id}:instance/i-0123456789abcdef0'
    results = iam.simulate_custom_policy(
        PolicyInputList=[text], ActionNames=['ec2:StopInstances', 'ec2:RunInstances'], ResourceArns=[instance],
    )['EvaluationResults']
    assert [(r['EvalActionName'], r['EvalDecision']) for r in results] == [
        ('ec2:StopInstances', 'allowed'), ('ec2:RunInstances', 'implicitDeny'),
    ]
    [statement] = results[0]['MatchedStatements']
    assert (statement['SourcePolicyId'], statement['SourcePolicyType']) == ('PolicyInputList.1', 'none')
    # The positions frame the EC2RestrictedActions statement in the text that was sent.
    lines = text.splitlines(keepends=True)
    offset = lambda p: sum(len(line) for line in lines[:p['Line'] - 1]) + p['Column'] - 1  # noqa: E731
    framed = text[offset(statement['StartPosition']):offset(statement['EndPosition'])].lstrip(' \n,[')
    assert json.loads(framed)['Sid'] == 'EC2RestrictedActions'
    assert results[1]['MatchedStatements'] == []
    assert results[1]['ResourceSpecificResults'][0]['EvalResourceDecision'] == 'implicitDeny'


@pytest.mark.warden_only(reason='moto does not implement the policy simulator')
def test_simulator_role_with_ec2_full_access_may_run_instances(role, target, iam):
    # Once AmazonEC2FullAccess is attached too (the guide's first list), the role may run instances.
    results = iam.simulate_principal_policy(
        PolicySourceArn=role['Arn'], ActionNames=['ec2:RunInstances', 'ec2:StopInstances', 'iam:CreateUser'],
    )['EvaluationResults']
    decisions = {r['EvalActionName']: r['EvalDecision'] for r in results}
    assert decisions == {'ec2:RunInstances': 'allowed', 'ec2:StopInstances': 'allowed', 'iam:CreateUser': 'implicitDeny'}
    sources = {(s['SourcePolicyId'], s['SourcePolicyType']) for s in results[1]['MatchedStatements']}
    assert sources == {('EC2TrainingPolicy', 'user-managed'), ('AmazonEC2FullAccess', 'aws-managed')}
    keys = iam.get_context_keys_for_principal_policy(PolicySourceArn=role['Arn'])['ContextKeyNames']
    assert 'iam:AWSServiceName' in keys


def test_instance_profile_holds_the_role(role, target, iam):
    profile = iam.create_instance_profile(InstanceProfileName=ROLE)['InstanceProfile']
    assert profile['Arn'] == f'arn:aws:iam::{target.account_id}:instance-profile/{ROLE}'
    assert_unique_id(profile['InstanceProfileId'], 'AIPA')
    assert profile['Roles'] == []
    iam.add_role_to_instance_profile(InstanceProfileName=ROLE, RoleName=ROLE)
    fetched = iam.get_instance_profile(InstanceProfileName=ROLE)['InstanceProfile']
    assert [r['RoleName'] for r in fetched['Roles']] == [ROLE]
    assert fetched['Roles'][0]['Arn'] == role['Arn']
    listed = iam.list_instance_profiles_for_role(RoleName=ROLE)['InstanceProfiles']
    assert [p['InstanceProfileName'] for p in listed] == [ROLE]


@pytest.mark.warden_only(reason='moto allows several roles per instance profile')
def test_instance_profile_takes_one_role(role, iam):
    iam.create_role(RoleName='second-role', AssumeRolePolicyDocument=json.dumps(service_trust('ec2.amazonaws.com')))
    expect_error(
        iam.add_role_to_instance_profile, 'LimitExceeded', 409,
        'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1',
        InstanceProfileName=ROLE, RoleName='second-role',
    )


@pytest.mark.warden_only(reason='moto does not check that trust-policy principals exist')
@pytest.mark.parametrize('account', ['own', 'YOUR_ACCOUNT_ID'])
def test_trust_policy_naming_a_missing_user_is_rejected(role, target, iam, account):
    # Pasting the guide's trust policy before the user exists (or with the placeholder
    # left in) fails: IAM resolves every principal ARN when the policy is saved.
    account_id = target.account_id if account == 'own' else 'YOUR_ACCOUNT_ID'
    iam_user = f'arn:aws:iam::{account_id}:user/EC2-Training-User'
    expect_error(
        iam.update_assume_role_policy, 'MalformedPolicyDocument', 400,
        f'Invalid principal in policy: "AWS":"{iam_user}"',
        RoleName=ROLE, PolicyDocument=json.dumps(ec2_training_trust(account_id)),
    )
    assert iam.get_role(RoleName=ROLE)['Role']['AssumeRolePolicyDocument'] == service_trust('ec2.amazonaws.com')


@pytest.fixture(scope='module')
def training_user(role, target, iam):
    # No policies of its own: the trust policy names it, which is enough in one account.
    return create_user_with_keys(target, iam, 'EC2-Training-User')


def test_edit_trust_policy_to_trust_the_user(role, training_user, target, iam):
    document = ec2_training_trust(target.account_id)
    response = iam.update_assume_role_policy(RoleName=ROLE, PolicyDocument=json.dumps(document))
    assert response['ResponseMetadata']['HTTPStatusCode'] == 200
    fetched = iam.get_role(RoleName=ROLE)['Role']
    # boto3 URL-decodes and parses the document IAM returns.
    assert fetched['AssumeRolePolicyDocument'] == document
    assert fetched['RoleId'] == role['RoleId']


def test_trusted_user_assumes_the_role(role, training_user, target):
    assumed = training_user.sts.assume_role(RoleArn=role['Arn'], RoleSessionName='ec2-training')
    assert assumed['ResponseMetadata']['HTTPStatusCode'] == 200
    session_arn = f'arn:aws:sts::{target.account_id}:assumed-role/{ROLE}/ec2-training'
    assert assumed['AssumedRoleUser'] == {'AssumedRoleId': f"{role['RoleId']}:ec2-training", 'Arn': session_arn}
    creds = assumed['Credentials']
    assert_unique_id(creds['AccessKeyId'], 'ASIA')
    assert creds['SessionToken']
    identity = session_identity(target, assumed).sts.get_caller_identity()
    assert (identity['Arn'], identity['UserId'], identity['Account']) == (
        session_arn, f"{role['RoleId']}:ec2-training", target.account_id,
    )


def test_trusted_user_identity(training_user, target):
    identity = training_user.sts.get_caller_identity()
    assert identity['Arn'] == f'arn:aws:iam::{target.account_id}:user/EC2-Training-User'
    assert identity['UserId'] == training_user.user_id
    assert_unique_id(identity['UserId'], 'AIDA')
    assert identity['Account'] == target.account_id
