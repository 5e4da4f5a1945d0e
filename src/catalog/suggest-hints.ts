/**
 * Known mismatches between what people write and the real IAM names, which no spelling
 * distance can find: API operations authorized by a differently named action, and service
 * names used where AWS wants its prefix.
 */

/**
 * API operation (or CLI command) name -> the IAM actions that authorize it, keyed by
 * `prefix:operation` in lower case. Each entry follows the AWS page cited beside it.
 */
export const OPERATION_ACTIONS: ReadonlyMap<string, readonly string[]> = new Map([
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html
  ['s3:listbuckets', ['s3:ListAllMyBuckets']],
  ['s3:listobjects', ['s3:ListBucket']],
  ['s3:listobjectsv2', ['s3:ListBucket']],
  ['s3:listobjectversions', ['s3:ListBucketVersions']],
  ['s3:headobject', ['s3:GetObject']],
  ['s3:headbucket', ['s3:ListBucket']],
  ['s3:deleteobjects', ['s3:DeleteObject']],
  ['s3:copyobject', ['s3:PutObject', 's3:GetObject']],
  ['s3:createmultipartupload', ['s3:PutObject']],
  ['s3:uploadpart', ['s3:PutObject']],
  ['s3:uploadpartcopy', ['s3:PutObject', 's3:GetObject']],
  ['s3:completemultipartupload', ['s3:PutObject']],
  ['s3:listmultipartuploads', ['s3:ListBucketMultipartUploads']],
  ['s3:listparts', ['s3:ListMultipartUploadParts']],
  // https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
  ['lambda:invoke', ['lambda:InvokeFunction']],
  // https://docs.aws.amazon.com/lambda/latest/api/API_InvokeWithResponseStream.html
  ['lambda:invokewithresponsestream', ['lambda:InvokeFunction']],
  // https://docs.aws.amazon.com/AmazonECR/latest/userguide/registry_auth.html
  ['ecr:getloginpassword', ['ecr:GetAuthorizationToken']],
  ['ecr:getlogin', ['ecr:GetAuthorizationToken']]
])

/**
 * Names people write instead of the service prefix -> the prefix. The prefixes are those
 * of the Service Authorization Reference:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export const SERVICE_ALIASES: ReadonlyMap<string, string> = new Map([
  ['stepfunctions', 'states'],
  ['step-functions', 'states'],
  ['sfn', 'states'],
  ['cloudwatchlogs', 'logs'],
  ['cloudwatch-logs', 'logs'],
  ['cwlogs', 'logs'],
  ['eventbridge', 'events'],
  ['cloudwatchevents', 'events'],
  ['cloudwatch-events', 'events'],
  ['cw', 'cloudwatch'],
  ['elb', 'elasticloadbalancing'],
  ['elbv2', 'elasticloadbalancing'],
  ['alb', 'elasticloadbalancing'],
  ['s3api', 's3'],
  ['sagemaker-runtime', 'sagemaker'],
  ['sagemakerruntime', 'sagemaker'],
  ['systemsmanager', 'ssm'],
  ['systems-manager', 'ssm'],
  ['secrets-manager', 'secretsmanager'],
  ['dynamo', 'dynamodb'],
  ['dynamo-db', 'dynamodb'],
  ['cognito', 'cognito-idp'],
  ['kinesis-firehose', 'firehose'],
  ['container-registry', 'ecr'],
  ['auto-scaling', 'autoscaling'],
  ['ec2-autoscaling', 'autoscaling'],
  ['api-gateway', 'apigateway'],
  ['awslambda', 'lambda']
])
