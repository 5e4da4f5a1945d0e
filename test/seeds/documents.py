"""
The policy documents the five guides in /work/shared/seeds paste into the console, the
CLI (`file://...`) or boto3, kept verbatim except where a guide leaves a placeholder for
the reader's account id. Functions take the account id where the guide needs one.
"""
from __future__ import annotations

# 000: "Attach a Custom Policy" -> EC2TrainingPolicy (placeholders kept as the guide has them).
EC2_TRAINING_POLICY = {
    'Version': '2012-10-17',
    'Statement': [
        {
            'Sid': 'S3LimitedAccess',
            'Effect': 'Allow',
            'Action': ['s3:GetObject', 's3:PutObject', 's3:ListBucket'],
            'Resource': ['arn:aws:s3:::your-bucket-name', 'arn:aws:s3:::your-bucket-name/*'],
        },
        {
            'Sid': 'EC2RestrictedActions',
            'Effect': 'Allow',
            'Action': [
                'ec2:DescribeInstances',
                'ec2:StartInstances',
                'ec2:StopInstances',
                'ec2:TerminateInstances',
                'ec2:RequestSpotInstances',
                'ec2:CancelSpotInstanceRequests',
            ],
            'Resource': '*',
        },
        {
            'Sid': 'CloudWatchLoggingLimited',
            'Effect': 'Allow',
            'Action': ['logs:CreateLogStream', 'logs:PutLogEvents'],
            'Resource': 'arn:aws:logs:region:account-id:log-group:/aws/ec2/training-logs',
        },
    ],
}


def ec2_training_trust(account_id: str) -> dict:
    """000: "Modify the IAM Role Trust Policy" with YOUR_ACCOUNT_ID filled in."""
    return {
        'Version': '2012-10-17',
        'Statement': [
            {
                'Effect': 'Allow',
                'Principal': {'AWS': f'arn:aws:iam::{account_id}:user/EC2-Training-User'},
                'Action': 'sts:AssumeRole',
            },
            {
                'Effect': 'Allow',
                'Principal': {'Service': 'ec2.amazonaws.com'},
                'Action': 'sts:AssumeRole',
            },
        ],
    }


# 001: "Create Custom S3 Policy" -> VesselSegmentationS3ECRAccess.
VESSEL_SEGMENTATION_POLICY = {
    'Version': '2012-10-17',
    'Statement': [
        {
            'Sid': 'S3AccessForVesselSegmentation',
            'Effect': 'Allow',
            'Action': ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket'],
            'Resource': ['arn:aws:s3:::vessel-segmentation-data', 'arn:aws:s3:::vessel-segmentation-data/*'],
        },
        {
            'Sid': 'ECRAccess',
            'Effect': 'Allow',
            'Action': [
                'ecr:GetAuthorizationToken',
                'ecr:BatchCheckLayerAvailability',
                'ecr:GetDownloadUrlForLayer',
                'ecr:BatchGetImage',
            ],
            'Resource': '*',
        },
        {
            'Sid': 'CloudWatchLogs',
            'Effect': 'Allow',
            'Action': ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
            'Resource': 'arn:aws:logs:*:*:*',
        },
    ],
}


def notebook_trust(user_arn: str) -> dict:
    """003: create_execution_role's trust policy (the user and SageMaker)."""
    return {
        'Version': '2012-10-17',
        'Statement': [
            {
                'Effect': 'Allow',
                'Principal': {'AWS': user_arn, 'Service': ['sagemaker.amazonaws.com']},
                'Action': 'sts:AssumeRole',
            }
        ],
    }


# 003: basic_s3_permission as the "Test your role" cell shows it.
BASIC_S3_PERMISSION = {
    'Version': '2012-10-17',
    'Statement': [
        {
            'Effect': 'Allow',
            'Action': ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket'],
            'Resource': ['arn:aws:s3:::*'],
        }
    ],
}

# 003: the later basic_s3 cell (an action name that does not exist, and an empty bucket ARN);
# IAM accepts both: it does not check action names against the service's list.
BASIC_S3 = {
    'Version': '2012-10-17',
    'Statement': [{'Effect': 'Allow', 'Action': ['s3:ListBuckets'], 'Resource': ['arn:aws:s3:::']}],
}

# 004: service_roles/*.json (the guide's repository ships them; these are their standard contents).
BATCH_SERVICE_TRUST = {
    'Version': '2012-10-17',
    'Statement': [{'Effect': 'Allow', 'Principal': {'Service': 'batch.amazonaws.com'}, 'Action': 'sts:AssumeRole'}],
}
STEP_FUNCTIONS_TRUST = {
    'Version': '2012-10-17',
    'Statement': [{'Effect': 'Allow', 'Principal': {'Service': 'states.amazonaws.com'}, 'Action': 'sts:AssumeRole'}],
}
ECS_FOR_EC2_TRUST = {
    'Version': '2012-10-17',
    'Statement': [{'Effect': 'Allow', 'Principal': {'Service': 'ec2.amazonaws.com'}, 'Action': 'sts:AssumeRole'}],
}
LAMBDA_TRUST = {
    'Version': '2012-10-17',
    'Statement': [{'Effect': 'Allow', 'Principal': {'Service': 'lambda.amazonaws.com'}, 'Action': 'sts:AssumeRole'}],
}
LAMBDA_BATCH_EXECUTION_POLICY = {
    'Version': '2012-10-17',
    'Statement': [
        {
            'Effect': 'Allow',
            'Action': [
                'batch:DescribeJobs',
                'batch:DescribeJobDefinitions',
                'batch:DescribeJobQueues',
                'batch:RegisterJobDefinition',
                'batch:SubmitJob',
                'batch:TerminateJob',
            ],
            'Resource': '*',
        }
    ],
}
# 004, step 5: the literal --assume-role-policy-document string (note the empty Sid).
SPOT_FLEET_TRUST_LITERAL = (
    '{"Version":"2012-10-17","Statement":[{"Sid":"","Effect":"Allow",'
    '"Principal":{"Service":"spotfleet.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
)
