/**
 * The services Warden can create service-linked roles for: the role name AWS gives, the
 * AWS managed policy AWS attaches, and whether a CustomSuffix is accepted. Each entry
 * cites the service's own page on its service-linked role; the policies must exist in the
 * catalog snapshot (services.test.ts checks).
 */

export interface ServiceLinkedRoleSpec {
  /** The service principal, CreateServiceLinkedRole's `AWSServiceName`. */
  service: string
  /** The role name AWS uses (a CustomSuffix is appended as `_<suffix>`). */
  roleName: string
  /** The AWS managed policy AWS attaches to the role. */
  policyArn: string
  customSuffixAllowed: boolean
  /** The AWS documentation page this entry follows. */
  doc: string
}

export const SERVICE_LINKED_ROLES: readonly ServiceLinkedRoleSpec[] = Object.freeze([
  {
    service: 'spot.amazonaws.com',
    roleName: 'AWSServiceRoleForEC2Spot',
    policyArn: 'arn:aws:iam::aws:policy/aws-service-role/AWSEC2SpotServiceRolePolicy',
    customSuffixAllowed: false,
    doc: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/service-linked-roles-spot-instance-requests.html'
  },
  {
    service: 'spotfleet.amazonaws.com',
    roleName: 'AWSServiceRoleForEC2SpotFleet',
    policyArn: 'arn:aws:iam::aws:policy/aws-service-role/AWSEC2SpotFleetServiceRolePolicy',
    customSuffixAllowed: false,
    doc: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-fleet-prerequisites.html#service-linked-roles-spot-fleet-requests'
  },
  {
    service: 'batch.amazonaws.com',
    roleName: 'AWSServiceRoleForBatch',
    policyArn: 'arn:aws:iam::aws:policy/aws-service-role/BatchServiceRolePolicy',
    customSuffixAllowed: false,
    doc: 'https://docs.aws.amazon.com/batch/latest/userguide/using-service-linked-roles-batch-general.html'
  },
  {
    service: 'ecs.amazonaws.com',
    roleName: 'AWSServiceRoleForECS',
    policyArn: 'arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy',
    customSuffixAllowed: false,
    doc: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using-service-linked-roles.html'
  },
  {
    service: 'sagemaker.amazonaws.com',
    roleName: 'AWSServiceRoleForAmazonSageMakerNotebooks',
    policyArn: 'arn:aws:iam::aws:policy/aws-service-role/AmazonSageMakerNotebooksServiceRolePolicy',
    customSuffixAllowed: false,
    doc: 'https://docs.aws.amazon.com/sagemaker/latest/dg/using-service-linked-roles.html'
  },
  {
    service: 'autoscaling.amazonaws.com',
    roleName: 'AWSServiceRoleForAutoScaling',
    policyArn: 'arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy',
    customSuffixAllowed: true,
    doc: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/autoscaling-service-linked-role.html'
  },
  {
    service: 'elasticloadbalancing.amazonaws.com',
    roleName: 'AWSServiceRoleForElasticLoadBalancing',
    policyArn: 'arn:aws:iam::aws:policy/aws-service-role/AWSElasticLoadBalancingServiceRolePolicy',
    customSuffixAllowed: false,
    doc: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/elb-service-linked-roles.html'
  }
])

const BY_SERVICE = new Map(SERVICE_LINKED_ROLES.map((s) => [s.service, s]))

/** The entry for a service principal (case-sensitive, as AWS's service principals are). */
export function serviceLinkedRoleSpec(service: string): ServiceLinkedRoleSpec | undefined {
  return BY_SERVICE.get(service)
}

/** The path AWS puts a service-linked role under. */
export function serviceLinkedRolePath(service: string): string {
  return `/aws-service-role/${service}/`
}

/** The trust policy AWS gives a service-linked role: the service may assume it. */
export function serviceLinkedTrustPolicy(service: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }]
  })
}
