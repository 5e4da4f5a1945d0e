"""
Guide 001: the SageMaker execution role (trusts sagemaker.amazonaws.com, with
AmazonSageMakerFullAccess and the custom VesselSegmentationS3ECRAccess policy) and the
sagemaker-developer user with access keys, the CLI checks of "Configure AWS CLI" and
"Troubleshooting", and the lost-key procedure. The developer holds IAMReadOnlyAccess:
reads succeed, writes are denied with AWS's words, and bad keys are refused.
"""
import datetime
import json

import pytest

from conftest import (
    Identity, assert_unique_id, attached_arns, client, create_user_with_keys, denied, expect_error, service_trust,
)
from documents import VESSEL_SEGMENTATION_POLICY

ROLE = 'SageMaker-UNetTraining-ExecutionRole'
POLICY = 'VesselSegmentationS3ECRAccess'
USER = 'sagemaker-developer'
SAGEMAKER_FULL = 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess'
ECR_FULL = 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryFullAccess'
IAM_READ_ONLY = 'arn:aws:iam::aws:policy/IAMReadOnlyAccess'
KEY_DESCRIPTION = 'Local development for SageMaker training'
BAD_SIGNATURE = (
    'The request signature we calculated does not match the signature you provided. '
    'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'
)
BAD_TOKEN = 'The security token included in the request is invalid.'


@pytest.fixture(scope='module')
def policy(fresh_account, iam):
    return iam.create_policy(
        PolicyName=POLICY,
        PolicyDocument=json.dumps(VESSEL_SEGMENTATION_POLICY),
        Description='S3 and ECR access for vessel segmentation training',
    )['Policy']


@pytest.fixture(scope='module')
def role(policy, iam):
    role = iam.create_role(
        RoleName=ROLE,
        AssumeRolePolicyDocument=json.dumps(service_trust('sagemaker.amazonaws.com')),
        Description='Execution role for SageMaker UNet training jobs',
    )['Role']
    iam.attach_role_policy(RoleName=ROLE, PolicyArn=SAGEMAKER_FULL)
    iam.attach_role_policy(RoleName=ROLE, PolicyArn=policy['Arn'])
    return role


@pytest.fixture(scope='module')
def developer(role, policy, target, iam) -> Identity:
    dev = create_user_with_keys(target, iam, USER, managed=[SAGEMAKER_FULL, ECR_FULL, IAM_READ_ONLY, policy['Arn']])
    # The console stores the key's description as a user tag keyed by the access key id.
    iam.tag_user(UserName=USER, Tags=[{'Key': dev.access_key_id, 'Value': KEY_DESCRIPTION}])
    return dev


def test_managed_policy_is_found_by_arn(iam):
    managed = iam.get_policy(PolicyArn=SAGEMAKER_FULL)['Policy']
    assert managed['Arn'] == SAGEMAKER_FULL
    assert managed['PolicyName'] == 'AmazonSageMakerFullAccess'
    assert managed['Path'] == '/'
    assert managed['IsAttachable'] is True
    document = iam.get_policy_version(PolicyArn=SAGEMAKER_FULL, VersionId=managed['DefaultVersionId'])
    statements = document['PolicyVersion']['Document']['Statement']
    assert any('iam:PassRole' in json.dumps(s.get('Action')) for s in statements)


def test_service_role_path_managed_policy(iam):
    arn = 'arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole'
    managed = iam.get_policy(PolicyArn=arn)['Policy']
    assert (managed['PolicyName'], managed['Path'], managed['Arn']) == ('AWSBatchServiceRole', '/service-role/', arn)


def test_custom_policy_created_with_description(policy, target, iam):
    assert policy['Arn'] == f'arn:aws:iam::{target.account_id}:policy/{POLICY}'
    fetched = iam.get_policy(PolicyArn=policy['Arn'])['Policy']
    assert fetched['Description'] == 'S3 and ECR access for vessel segmentation training'
    version = iam.get_policy_version(PolicyArn=policy['Arn'], VersionId='v1')['PolicyVersion']
    assert version['Document'] == VESSEL_SEGMENTATION_POLICY


def test_execution_role(role, policy, target, iam):
    fetched = iam.get_role(RoleName=ROLE)['Role']
    assert fetched['Arn'] == f'arn:aws:iam::{target.account_id}:role/{ROLE}'
    assert fetched['Description'] == 'Execution role for SageMaker UNet training jobs'
    assert fetched['AssumeRolePolicyDocument'] == service_trust('sagemaker.amazonaws.com')
    assert_unique_id(fetched['RoleId'], 'AROA')
    assert attached_arns(iam.list_attached_role_policies(RoleName=ROLE)) == {SAGEMAKER_FULL, policy['Arn']}
    entities = iam.list_entities_for_policy(PolicyArn=SAGEMAKER_FULL)
    assert [r['RoleName'] for r in entities['PolicyRoles']] == [ROLE]


def test_developer_user_and_access_key(developer, policy, target, iam):
    user = iam.get_user(UserName=USER)['User']
    assert user['Arn'] == f'arn:aws:iam::{target.account_id}:user/{USER}'
    assert user['UserId'] == developer.user_id
    assert_unique_id(user['UserId'], 'AIDA')
    assert_unique_id(developer.access_key_id, 'AKIA')
    assert len(developer.secret_access_key) == 40
    keys = iam.list_access_keys(UserName=USER)['AccessKeyMetadata']
    assert [(k['AccessKeyId'], k['Status'], k['UserName']) for k in keys] == [(developer.access_key_id, 'Active', USER)]
    # The secret is shown once: no read API returns it.
    assert 'SecretAccessKey' not in keys[0]
    tags = iam.list_user_tags(UserName=USER)['Tags']
    assert tags == [{'Key': developer.access_key_id, 'Value': KEY_DESCRIPTION}]
    attached = iam.list_attached_user_policies(UserName=USER)
    assert attached_arns(attached) == {SAGEMAKER_FULL, ECR_FULL, IAM_READ_ONLY, policy['Arn']}


def test_cli_get_caller_identity_as_developer(developer, target, aws):
    out = aws('sts', 'get-caller-identity', identity=developer).json
    assert out == {'UserId': developer.user_id, 'Account': target.account_id, 'Arn': f'arn:aws:iam::{target.account_id}:user/{USER}'}


def test_cli_troubleshooting_reads_as_developer(developer, role, policy, target, aws):
    attached = aws('iam', 'list-attached-user-policies', '--user-name', USER, identity=developer).json
    assert attached_arns(attached) == {SAGEMAKER_FULL, ECR_FULL, IAM_READ_ONLY, policy['Arn']}
    got = aws('iam', 'get-role', '--role-name', ROLE, identity=developer).json['Role']
    assert got['Arn'] == role['Arn']
    assert got['AssumeRolePolicyDocument'] == service_trust('sagemaker.amazonaws.com')


def test_developer_may_read_iam(developer, role, policy):
    # IAMReadOnlyAccess: iam:Get*, iam:List*.
    roles = developer.iam.list_roles()['Roles']
    assert ROLE in [r['RoleName'] for r in roles]
    assert developer.iam.get_role(RoleName=ROLE)['Role']['RoleId'] == role['RoleId']
    assert developer.iam.get_policy(PolicyArn=policy['Arn'])['Policy']['AttachmentCount'] == 2
    assert developer.iam.get_user()['User']['UserName'] == USER
    assert [u['UserName'] for u in developer.iam.list_users()['Users']] == [USER]


def test_role_not_found_message(developer):
    expect_error(
        developer.iam.get_role, 'NoSuchEntity', 404, 'The role with name SageMaker-Missing cannot be found.',
        moto_words_it_differently=True, RoleName='SageMaker-Missing',
    )


@pytest.mark.warden_only(reason='authorization: moto does not enforce policies by default')
def test_developer_may_not_create_roles(developer, target, iam):
    expect_error(
        developer.iam.create_role, 'AccessDenied', 403,
        denied(developer.arn, 'iam:CreateRole', f'arn:aws:iam::{target.account_id}:role/my-own-role'),
        RoleName='my-own-role', AssumeRolePolicyDocument=json.dumps(service_trust('sagemaker.amazonaws.com')),
    )
    expect_error(iam.get_role, 'NoSuchEntity', 404, RoleName='my-own-role')


@pytest.mark.warden_only(reason='authorization: moto does not enforce policies by default')
def test_developer_may_not_attach_policies_via_cli(developer, target, aws):
    result = aws(
        'iam', 'attach-user-policy', '--user-name', USER, '--policy-arn', 'arn:aws:iam::aws:policy/AdministratorAccess',
        identity=developer, check=False,
    )
    assert result.returncode != 0
    code, message = result.error
    assert code == 'AccessDenied'
    assert message.startswith(f'User: {developer.arn} is not authorized to perform: iam:AttachUserPolicy on resource: ')


@pytest.mark.warden_only(reason='moto does not verify signatures')
def test_wrong_secret_is_signature_does_not_match(developer, target):
    wrong = client(target, 'sts', developer.access_key_id, developer.secret_access_key[:-1] + 'X')
    expect_error(wrong.get_caller_identity, 'SignatureDoesNotMatch', 403, BAD_SIGNATURE)
    wrong_iam = client(target, 'iam', developer.access_key_id, 'not-the-secret')
    expect_error(wrong_iam.list_roles, 'SignatureDoesNotMatch', 403, BAD_SIGNATURE)


@pytest.mark.warden_only(reason='moto accepts unknown access keys')
def test_unknown_access_key_is_invalid_client_token(target):
    stranger = client(target, 'sts', 'AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')
    expect_error(stranger.get_caller_identity, 'InvalidClientTokenId', 403, BAD_TOKEN)


@pytest.mark.warden_only(reason='moto does not check access key status')
def test_deactivated_key_is_refused_until_reactivated(developer, iam):
    iam.update_access_key(UserName=USER, AccessKeyId=developer.access_key_id, Status='Inactive')
    try:
        statuses = {k['AccessKeyId']: k['Status'] for k in iam.list_access_keys(UserName=USER)['AccessKeyMetadata']}
        assert statuses[developer.access_key_id] == 'Inactive'
        fresh = client(developer.target, 'sts', developer.access_key_id, developer.secret_access_key)
        expect_error(fresh.get_caller_identity, 'InvalidClientTokenId', 403, BAD_TOKEN)
        expect_error(developer.iam.list_roles, 'InvalidClientTokenId', 403, BAD_TOKEN)
    finally:
        iam.update_access_key(UserName=USER, AccessKeyId=developer.access_key_id, Status='Active')
    assert developer.sts.get_caller_identity()['Arn'] == developer.arn


def test_lost_secret_rotation(developer, target, iam):
    """Troubleshooting: deactivate the old key, create a new one; a third key is over quota."""
    iam.update_access_key(UserName=USER, AccessKeyId=developer.access_key_id, Status='Inactive')
    new = iam.create_access_key(UserName=USER)['AccessKey']
    assert new['Status'] == 'Active' and new['UserName'] == USER
    assert_unique_id(new['AccessKeyId'], 'AKIA')
    assert new['AccessKeyId'] != developer.access_key_id
    statuses = {k['AccessKeyId']: k['Status'] for k in iam.list_access_keys(UserName=USER)['AccessKeyMetadata']}
    assert statuses == {developer.access_key_id: 'Inactive', new['AccessKeyId']: 'Active'}
    expect_error(
        iam.create_access_key, 'LimitExceeded', 409, 'Cannot exceed quota for AccessKeysPerUser: 2', UserName=USER,
    )
    rotated = client(target, 'sts', new['AccessKeyId'], new['SecretAccessKey'])
    assert rotated.get_caller_identity()['Arn'] == developer.arn
    iam.delete_access_key(UserName=USER, AccessKeyId=new['AccessKeyId'])
    iam.update_access_key(UserName=USER, AccessKeyId=developer.access_key_id, Status='Active')


@pytest.mark.warden_only(reason='moto accepts deleted access keys')
def test_deleted_key_is_invalid_client_token(developer, target, iam):
    spare = iam.create_access_key(UserName=USER)['AccessKey']
    spare_sts = client(target, 'sts', spare['AccessKeyId'], spare['SecretAccessKey'])
    assert spare_sts.get_caller_identity()['UserId'] == developer.user_id
    response = iam.delete_access_key(UserName=USER, AccessKeyId=spare['AccessKeyId'])
    assert response['ResponseMetadata']['HTTPStatusCode'] == 200
    expect_error(spare_sts.get_caller_identity, 'InvalidClientTokenId', 403, BAD_TOKEN)
    expect_error(
        iam.delete_access_key, 'NoSuchEntity', 404, f"The Access Key with id {spare['AccessKeyId']} cannot be found",
        UserName=USER, AccessKeyId=spare['AccessKeyId'],
    )


def test_get_caller_identity_for_user(developer, target):
    identity = developer.sts.get_caller_identity()
    assert identity['Arn'] == f'arn:aws:iam::{target.account_id}:user/{USER}'
    assert identity['UserId'] == developer.user_id
    assert identity['Account'] == target.account_id
    assert identity['ResponseMetadata']['HTTPStatusCode'] == 200


@pytest.mark.warden_only(reason='moto reports root as arn:aws:sts::<acct>:user/moto')
def test_get_caller_identity_for_root(sts, target):
    identity = sts.get_caller_identity()
    assert (identity['UserId'], identity['Account'], identity['Arn']) == (
        target.account_id, target.account_id, f'arn:aws:iam::{target.account_id}:root',
    )


def test_access_key_last_used(developer, iam):
    developer.iam.get_user()
    info = iam.get_access_key_last_used(AccessKeyId=developer.access_key_id)
    assert info['UserName'] == USER
    last = info['AccessKeyLastUsed']
    assert 'Region' in last and 'ServiceName' in last
    if 'LastUsedDate' in last:
        assert last['LastUsedDate'] <= datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=5)
