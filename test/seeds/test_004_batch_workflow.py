"""
Guide 004: the AWS Batch / Step Functions / Lambda workflow with spot instances, replayed
with the `aws` CLI exactly as the guide types it: attach-user-policy for the user roles,
create-role --assume-role-policy-document file://..., attach-role-policy (including
service-role/ paths), create-policy, put-role-policy, the ECS instance profile, and the
service-linked roles for spot, spot fleet, Batch and ECS.
"""
import json

import pytest

from conftest import AwsCli, attached_arns, create_user_with_keys, expect_error
from documents import (
    BATCH_SERVICE_TRUST, ECS_FOR_EC2_TRUST, LAMBDA_BATCH_EXECUTION_POLICY, LAMBDA_TRUST, SPOT_FLEET_TRUST_LITERAL,
    STEP_FUNCTIONS_TRUST,
)

AWS = 'arn:aws:iam::aws:policy/'
USER = 'slim-user'
USER_POLICIES = [
    AWS + 'AmazonEC2FullAccess',
    AWS + 'AWSBatchFullAccess',
    AWS + 'AmazonEC2ContainerRegistryFullAccess',
    AWS + 'AmazonSQSFullAccess',
    AWS + 'AWSStepFunctionsFullAccess',
    AWS + 'AmazonS3ReadOnlyAccess',
]
ECS_ROLE = 'SLIM-Extras_ECS_for_EC2'
LAMBDA_ROLE = 'SLIM-Extras_for_Lambda'
ECS_ROLE_POLICIES = [
    AWS + 'AmazonSQSFullAccess',
    AWS + 'AmazonS3FullAccess',
    AWS + 'IAMReadOnlyAccess',
    AWS + 'service-role/AmazonEC2ContainerServiceforEC2Role',
]
SERVICE_LINKED = {
    # service name: (role name, the AWS managed policy IAM attaches)
    'spot.amazonaws.com': ('AWSServiceRoleForEC2Spot', 'AWSEC2SpotServiceRolePolicy'),
    'spotfleet.amazonaws.com': ('AWSServiceRoleForEC2SpotFleet', 'AWSEC2SpotFleetServiceRolePolicy'),
    'batch.amazonaws.com': ('AWSServiceRoleForBatch', 'BatchServiceRolePolicy'),
    'ecs.amazonaws.com': ('AWSServiceRoleForECS', 'AmazonECSServiceRolePolicy'),
}


def services_trusted(document: dict) -> list[str]:
    """Service principals a trust policy names, string-or-list flattened."""
    out = []
    for statement in document['Statement']:
        service = statement.get('Principal', {}).get('Service', [])
        out.extend([service] if isinstance(service, str) else service)
    return out


@pytest.fixture(scope='module')
def slim_user(fresh_account, target, iam):
    return create_user_with_keys(target, iam, USER)


def test_attach_user_policies_with_cli(slim_user, aws, iam):
    results = aws.script(*[('iam', 'attach-user-policy', '--user-name', USER, '--policy-arn', arn) for arn in USER_POLICIES])
    assert [r.stdout.strip() for r in results] == [''] * len(USER_POLICIES)
    assert attached_arns(iam.list_attached_user_policies(UserName=USER)) == set(USER_POLICIES)
    # One more through the `aws` program itself, as a reader would check.
    listed = aws('iam', 'list-attached-user-policies', '--user-name', USER).json
    assert sorted(p['PolicyName'] for p in listed['AttachedPolicies']) == sorted(a.rsplit('/', 1)[1] for a in USER_POLICIES)


def test_deprecated_lambda_policy_is_not_attachable(slim_user, aws):
    result = aws('iam', 'attach-user-policy', '--user-name', USER, '--policy-arn', AWS + 'AWSLambdaFullAccess', check=False)
    assert result.returncode != 0
    assert result.error == ('NoSuchEntity', f'Policy {AWS}AWSLambdaFullAccess does not exist or is not attachable.')


def test_batch_service_role(aws, target, iam):
    created, attached = aws.script(
        (
            'iam', 'create-role', '--role-name', 'AWSBatchServiceRole',
            '--assume-role-policy-document', aws.file('service_roles/create_AWSBatchServiceRole.json', BATCH_SERVICE_TRUST),
            '--description', 'Allows Batch to create and manage AWS resources on your behalf.',
        ),
        ('iam', 'attach-role-policy', '--role-name', 'AWSBatchServiceRole', '--policy-arn', AWS + 'service-role/AWSBatchServiceRole'),
    )
    created = created.json['Role']
    assert created['Arn'] == f'arn:aws:iam::{target.account_id}:role/AWSBatchServiceRole'
    assert created['AssumeRolePolicyDocument'] == BATCH_SERVICE_TRUST
    assert attached.stdout.strip() == ''
    role = iam.get_role(RoleName='AWSBatchServiceRole')['Role']
    assert role['Description'] == 'Allows Batch to create and manage AWS resources on your behalf.'
    assert attached_arns(iam.list_attached_role_policies(RoleName='AWSBatchServiceRole')) == {AWS + 'service-role/AWSBatchServiceRole'}


def test_step_functions_role(aws, target, iam):
    *_, got = aws.script(
        (
            'iam', 'create-role', '--role-name', 'StepFunctionsLambdaRole',
            '--assume-role-policy-document', aws.file('service_roles/create_StepFunctionsLambdaRole.json', STEP_FUNCTIONS_TRUST),
            '--description', 'Allows Step Functions to access AWS resources on your behalf.',
        ),
        ('iam', 'attach-role-policy', '--role-name', 'StepFunctionsLambdaRole', '--policy-arn', AWS + 'service-role/AWSLambdaRole'),
        ('iam', 'get-role', '--role-name', 'StepFunctionsLambdaRole'),
    )
    role = got.json['Role']
    assert role['Arn'] == f'arn:aws:iam::{target.account_id}:role/StepFunctionsLambdaRole'
    assert services_trusted(role['AssumeRolePolicyDocument']) == ['states.amazonaws.com']
    attached = iam.list_attached_role_policies(RoleName='StepFunctionsLambdaRole')['AttachedPolicies']
    assert attached == [{'PolicyName': 'AWSLambdaRole', 'PolicyArn': AWS + 'service-role/AWSLambdaRole'}]


def test_ecs_instance_role_and_profile(aws, target, iam):
    results = aws.script(
        (
            'iam', 'create-role', '--role-name', ECS_ROLE,
            '--assume-role-policy-document', aws.file('service_roles/create_SLIM-Extras_ECS_for_EC2.json', ECS_FOR_EC2_TRUST),
            '--description', 'Allows EC2 instances in an ECS cluster to access ECS.',
        ),
        *[('iam', 'attach-role-policy', '--role-name', ECS_ROLE, '--policy-arn', arn) for arn in ECS_ROLE_POLICIES],
        ('iam', 'create-instance-profile', '--instance-profile-name', ECS_ROLE),
        ('iam', 'add-role-to-instance-profile', '--instance-profile-name', ECS_ROLE, '--role-name', ECS_ROLE),
    )
    assert attached_arns(iam.list_attached_role_policies(RoleName=ECS_ROLE)) == set(ECS_ROLE_POLICIES)
    profile = results[-2].json['InstanceProfile']
    assert profile['Arn'] == f'arn:aws:iam::{target.account_id}:instance-profile/{ECS_ROLE}'
    assert results[-1].stdout.strip() == ''
    fetched = iam.get_instance_profile(InstanceProfileName=ECS_ROLE)['InstanceProfile']
    assert [r['Arn'] for r in fetched['Roles']] == [f'arn:aws:iam::{target.account_id}:role/{ECS_ROLE}']


@pytest.fixture(scope='module')
def lambda_batch_policy(fresh_account, target, iam):
    return f'arn:aws:iam::{target.account_id}:policy/LambdaBatchExecutionPolicy'


def test_lambda_role_with_batch_submission_policy(aws, target, iam, lambda_batch_policy):
    results = aws.script(
        (
            'iam', 'create-role', '--role-name', LAMBDA_ROLE,
            '--assume-role-policy-document', aws.file('service_roles/create_SLIM-Extras_for_Lambda.json', LAMBDA_TRUST),
            '--description', 'Allows Lambda functions to call AWS services on your behalf.',
        ),
        *[
            ('iam', 'attach-role-policy', '--role-name', LAMBDA_ROLE, '--policy-arn', arn)
            for arn in (AWS + 'AmazonSQSFullAccess', AWS + 'AmazonS3FullAccess', AWS + 'service-role/AWSLambdaVPCAccessExecutionRole')
        ],
        (
            'iam', 'create-policy', '--policy-name', 'LambdaBatchExecutionPolicy',
            '--policy-document', aws.file('service_roles/create_LambdaBatchExecutionPolicy.json', LAMBDA_BATCH_EXECUTION_POLICY),
            '--description', 'Allow Lambda to access AWS Batch services including job registration and submission.',
        ),
        ('iam', 'attach-role-policy', '--role-name', LAMBDA_ROLE, '--policy-arn', lambda_batch_policy),
    )
    policy = results[-2].json['Policy']
    assert policy['Arn'] == lambda_batch_policy
    assert policy['DefaultVersionId'] == 'v1'
    assert attached_arns(iam.list_attached_role_policies(RoleName=LAMBDA_ROLE)) == {
        AWS + 'AmazonSQSFullAccess', AWS + 'AmazonS3FullAccess', AWS + 'service-role/AWSLambdaVPCAccessExecutionRole',
        lambda_batch_policy,
    }
    got = iam.get_policy(PolicyArn=lambda_batch_policy)['Policy']
    assert got['Description'] == 'Allow Lambda to access AWS Batch services including job registration and submission.'
    assert got['AttachmentCount'] == 1
    version = iam.get_policy_version(PolicyArn=lambda_batch_policy, VersionId='v1')['PolicyVersion']
    assert version['Document'] == LAMBDA_BATCH_EXECUTION_POLICY


def test_lambda_role_inline_policy_with_cli(aws, iam):
    inline = {
        'Version': '2012-10-17',
        'Statement': [{'Effect': 'Allow', 'Action': 'batch:SubmitJob', 'Resource': 'arn:aws:batch:*:*:job-queue/slim-*'}],
    }
    result = aws(
        'iam', 'put-role-policy', '--role-name', LAMBDA_ROLE, '--policy-name', 'SubmitToSlimQueues',
        '--policy-document', aws.file('service_roles/submit_to_slim_queues.json', inline),
    )
    assert result.stdout.strip() == ''
    assert iam.list_role_policies(RoleName=LAMBDA_ROLE)['PolicyNames'] == ['SubmitToSlimQueues']
    got = aws('iam', 'get-role-policy', '--role-name', LAMBDA_ROLE, '--policy-name', 'SubmitToSlimQueues').json
    assert (got['RoleName'], got['PolicyName'], got['PolicyDocument']) == (LAMBDA_ROLE, 'SubmitToSlimQueues', inline)


def test_policy_arn_from_the_guide_author_account_is_not_attachable(aws):
    # The guide hard-codes its author's account id; in any other account the ARN is unknown.
    arn = 'arn:aws:iam::851065145468:policy/LambdaBatchExecutionPolicy'
    result = aws('iam', 'attach-role-policy', '--role-name', LAMBDA_ROLE, '--policy-arn', arn, check=False)
    assert result.returncode != 0
    assert result.error == ('NoSuchEntity', f'Policy {arn} does not exist or is not attachable.')


def test_spot_fleet_role_from_inline_json(aws, target, iam):
    created = aws(
        'iam', 'create-role', '--role-name', 'AmazonEC2SpotFleetRole', '--assume-role-policy-document', SPOT_FLEET_TRUST_LITERAL,
    ).json['Role']
    assert created['Arn'] == f'arn:aws:iam::{target.account_id}:role/AmazonEC2SpotFleetRole'
    fetched = iam.get_role(RoleName='AmazonEC2SpotFleetRole')['Role']
    assert fetched['AssumeRolePolicyDocument'] == json.loads(SPOT_FLEET_TRUST_LITERAL)
    assert fetched['AssumeRolePolicyDocument']['Statement'][0]['Sid'] == ''


@pytest.fixture(scope='module')
def service_linked_roles(fresh_account, target, root, tmp_path_factory):
    cli = AwsCli(target, tmp_path_factory.mktemp('slr'), root)
    results = cli.script(*[('iam', 'create-service-linked-role', '--aws-service-name', s) for s in SERVICE_LINKED])
    return {service: result.json['Role'] for service, result in zip(SERVICE_LINKED, results)}


@pytest.mark.parametrize('service', list(SERVICE_LINKED))
def test_create_service_linked_role(service, service_linked_roles, target):
    role = service_linked_roles[service]
    assert role['Path'] == f'/aws-service-role/{service}/'
    assert role['Arn'] == f"arn:aws:iam::{target.account_id}:role/aws-service-role/{service}/{role['RoleName']}"
    assert services_trusted(role['AssumeRolePolicyDocument']) == [service]


@pytest.mark.warden_only(reason="moto names service-linked roles after the service prefix and attaches no policy")
@pytest.mark.parametrize('service', list(SERVICE_LINKED))
def test_service_linked_role_details(service, service_linked_roles, target, iam):
    name, policy = SERVICE_LINKED[service]
    roles = {r['RoleName']: r for r in iam.list_roles(PathPrefix='/aws-service-role/')['Roles']}
    assert name in roles, sorted(roles)
    role = iam.get_role(RoleName=name)['Role']
    assert role['Arn'] == f'arn:aws:iam::{target.account_id}:role/aws-service-role/{service}/{name}'
    assert role['Path'] == f'/aws-service-role/{service}/'
    attached = iam.list_attached_role_policies(RoleName=name)['AttachedPolicies']
    assert attached == [{'PolicyName': policy, 'PolicyArn': f'{AWS}aws-service-role/{policy}'}]
    statement = role['AssumeRolePolicyDocument']['Statement']
    assert len(statement) == 1 and statement[0]['Effect'] == 'Allow'
    assert services_trusted(role['AssumeRolePolicyDocument']) == [service]


@pytest.mark.warden_only(reason='moto lets service-linked roles be created twice and deleted directly')
def test_service_linked_role_is_protected(service_linked_roles, aws, iam):
    result = aws('iam', 'create-service-linked-role', '--aws-service-name', 'batch.amazonaws.com', check=False)
    assert result.returncode != 0
    assert result.error == (
        'InvalidInput', 'Service role name AWSServiceRoleForBatch has been taken in this account, please try a different suffix.',
    )
    expect_error(
        iam.delete_role, 'UnmodifiableEntity', 400,
        "Cannot perform the operation on the protected role 'AWSServiceRoleForBatch' - this role is only modifiable by AWS",
        RoleName='AWSServiceRoleForBatch',
    )


def test_workflow_roles_are_listed(service_linked_roles, iam, target):
    names = {r['RoleName'] for r in iam.list_roles()['Roles']}
    assert {'AWSBatchServiceRole', 'StepFunctionsLambdaRole', ECS_ROLE, LAMBDA_ROLE, 'AmazonEC2SpotFleetRole'} <= names
    service_roles = iam.list_roles(PathPrefix='/aws-service-role/')['Roles']
    assert sorted(r['Path'] for r in service_roles) == sorted(f'/aws-service-role/{s}/' for s in SERVICE_LINKED)
