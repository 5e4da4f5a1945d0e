/**
 * The account a blueprint verb works on: IAM and STS clients (src/cli/aws-client.ts: the
 * standard credential chain, --profile, --endpoint / AWS_ENDPOINT_URL / the profile's
 * services section), who the caller is, and the region for `${region}` in policies.
 */
import type { IAMClient } from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { iamClient, stsClient, type AwsClientOptions } from './aws-client.js'

export interface Target {
  iam: IAMClient
  sts: STSClient
  accountId: string
  /** Who applies (the caller's ARN). */
  callerArn: string
  region: string
}

/** --region, else the profile's or the environment's region, else us-east-1 (IAM itself is global). */
async function regionOf(options: AwsClientOptions): Promise<string> {
  if (options.region) return options.region
  const probe = new STSClient(options.profile ? { profile: options.profile } : {})
  try {
    return await probe.config.region()
  } catch {
    return 'us-east-1'
  } finally {
    probe.destroy()
  }
}

/** Creates the clients and asks STS which account they reach. */
export async function connect(options: AwsClientOptions): Promise<Target> {
  const sts = stsClient(options)
  const iam = iamClient(options)
  try {
    const who = await sts.send(new GetCallerIdentityCommand({}))
    return { iam, sts, accountId: who.Account!, callerArn: who.Arn!, region: await regionOf(options) }
  } catch (e) {
    disconnect({ iam, sts })
    throw e
  }
}

/** Closes the clients' connections. */
export function disconnect(target: Pick<Target, 'iam' | 'sts'>): void {
  target.iam.destroy()
  target.sts.destroy()
}
