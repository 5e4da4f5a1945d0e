/** ARN composition for stored entities; ARNs are derived, never stored, except policies'. */
export type ArnResource = 'user' | 'group' | 'role' | 'policy' | 'instance-profile' | 'oidc-provider' | 'saml-provider'
  | 'server-certificate'

/** The ARN of an IAM entity in `accountId`. */
export function entityArn(accountId: string, resource: ArnResource, path: string, name: string): string {
  return `arn:aws:iam::${accountId}:${resource}${path}${name}`
}

/** A policy ARN split into its parts; `aws` is true for AWS managed policies. */
export interface ParsedPolicyArn {
  account: string
  aws: boolean
  path: string
  name: string
}

const POLICY_ARN = /^arn:aws[\w-]*:iam::(\d{12}|aws):policy(\/(?:.*\/)?)([^/]+)$/

/** Parses a managed policy ARN, or undefined if `arn` is not one. */
export function parsePolicyArn(arn: string): ParsedPolicyArn | undefined {
  const m = POLICY_ARN.exec(arn)
  if (!m) return undefined
  const [, account = '', path = '/', name = ''] = m
  return { account, aws: account === 'aws', path, name }
}
