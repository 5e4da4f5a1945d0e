/**
 * Checks of the simulation request members the botocore model leaves open: action names,
 * resource ARNs, the ResourceHandlingOption scenario, ResourceOwner, CallerArn and
 * PolicySourceArn. Messages quoted from AWS are marked; the others say what is wrong in the
 * same style.
 */
import { iamError } from '../shared/errors.js'

const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9_-]+$/

/** Every ActionNames member must be `service:Action`; the simulator takes no wildcards (API reference). */
export function checkActionNames(actions: readonly string[]): void {
  for (const a of actions) {
    if (/[*?]/.test(a)) throw iamError('InvalidInput', `Invalid action name ${a}: the simulator does not take wildcards in action names.`)
    if (!ACTION.test(a)) throw iamError('InvalidInput', `Invalid action name ${a}: an action name is a service prefix and an action, such as iam:CreateUser.`)
  }
}

const ARN = /^arn:[^:]+:[^:]*:[^:]*:[^:]*:.+$/

/** ResourceArns: `*` or ARNs; AWS's message for anything else. */
export function checkResourceArns(resources: readonly string[]): void {
  for (const r of resources) {
    if (r !== '*' && !ARN.test(r)) throw iamError('InvalidInput', `ResourceNames are not in a valid ARN format: ${r}.`)
  }
}

/** The EC2 scenarios of ResourceHandlingOption and the resource types each one needs (API reference). */
const SCENARIOS: Record<string, string[]> = {
  'EC2-VPC-InstanceStore': ['instance', 'image', 'security-group', 'network-interface'],
  'EC2-VPC-InstanceStore-Subnet': ['instance', 'image', 'security-group', 'network-interface', 'subnet'],
  'EC2-VPC-EBS': ['instance', 'image', 'security-group', 'network-interface', 'volume'],
  'EC2-VPC-EBS-Subnet': ['instance', 'image', 'security-group', 'network-interface', 'subnet', 'volume']
}

const EC2_RESOURCE = /^arn:[^:]+:ec2:[^:]*:[^:]*:([a-z-]+)\//

/** A known scenario whose required EC2 resources are all among `resources`. */
export function checkResourceHandlingOption(option: string | undefined, resources: readonly string[]): void {
  if (option === undefined) return
  const needed = SCENARIOS[option]
  if (needed === undefined) {
    throw iamError('InvalidInput', `Invalid ResourceHandlingOption ${option}: expected one of ${Object.keys(SCENARIOS).join(', ')}.`)
  }
  const present = new Set(resources.map((r) => EC2_RESOURCE.exec(r)?.[1]).filter((t) => t !== undefined))
  const missing = needed.filter((t) => !present.has(t))
  if (missing.length > 0) {
    throw iamError('InvalidInput', `ResourceHandlingOption ${option} needs ResourceArns of these EC2 resource types: ${missing.join(', ')}.`)
  }
}

/** ResourceOwner is the account's ARN, `arn:aws:iam::<account>:root` (API reference); returns the account id. */
export function resourceOwnerAccount(owner: string | undefined): string | undefined {
  if (owner === undefined) return undefined
  const m = /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(owner)
  // AWS's wording, including its grammar.
  if (!m) throw iamError('InvalidInput', `'${owner}' is not a valid as a Resource Owner.`)
  return m[1]
}

/** A parsed user, group or role ARN. */
export interface EntityArn {
  arn: string
  accountId: string
  type: 'user' | 'group' | 'role'
  path: string
  name: string
}

const ENTITY = /^arn:aws[a-z-]*:iam::(\d{12}):(user|group|role)((?:\/[^/]*)*\/)([^/]+)$/

/** Parses an IAM user, group or role ARN; AWS's InvalidInput message for anything else. */
export function parseEntityArn(arn: string): EntityArn {
  const m = ENTITY.exec(arn)
  if (!m) throw iamError('InvalidInput', `Invalid Entity Arn: ${arn} does not clearly define entity type and name.`)
  return { arn, accountId: m[1] as string, type: m[2] as EntityArn['type'], path: m[3] as string, name: m[4] as string }
}

/** CallerArn must name an IAM user (API reference: not a role, federated user or service). */
export function parseCallerArn(arn: string | undefined): EntityArn | undefined {
  if (arn === undefined) return undefined
  const entity = parseEntityArn(arn)
  if (entity.type !== 'user') throw iamError('InvalidInput', `CallerArn ${arn} is not the ARN of an IAM user; the simulated caller must be a user.`)
  return entity
}
