/**
 * Where blueprints are applied: IAM and STS clients from the standard AWS credential chain
 * (environment, shared files, a profile) and the endpoints the caller resolved (see
 * src/cli/target-options.ts), so the same code talks to Warden or to a real AWS account.
 */
import { IAMClient } from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'

export interface TargetOptions {
  profile?: string
  /** Explicit endpoints; when absent the SDK's own resolution applies (AWS_ENDPOINT_URL*, AWS_PROFILE's config). */
  iamEndpoint?: string
  stsEndpoint?: string
  /** The region for `${region}` in policies (IAM itself is global). */
  region?: string
}

export interface Target {
  iam: IAMClient
  sts: STSClient
  accountId: string
  /** The caller's ARN (who applies). */
  callerArn: string
  region: string
}

/** The region from options, the environment or the profile; us-east-1 when none is set. */
async function resolveRegion(options: TargetOptions): Promise<string> {
  if (options.region) return options.region
  const probe = new STSClient({ ...(options.profile ? { profile: options.profile } : {}) })
  try {
    return await probe.config.region()
  } catch {
    return 'us-east-1'
  } finally {
    probe.destroy()
  }
}

/** Creates the clients and asks STS who the caller is (which account the blueprint goes to). */
export async function connect(options: TargetOptions): Promise<Target> {
  const region = await resolveRegion(options)
  const config = { region, ...(options.profile ? { profile: options.profile } : {}) }
  const iam = new IAMClient({ ...config, ...(options.iamEndpoint ? { endpoint: options.iamEndpoint } : {}) })
  const sts = new STSClient({ ...config, ...(options.stsEndpoint ? { endpoint: options.stsEndpoint } : {}) })
  const who = await sts.send(new GetCallerIdentityCommand({}))
  return { iam, sts, accountId: who.Account!, callerArn: who.Arn!, region }
}

/** Closes the clients' connections. */
export function disconnect(target: Target): void {
  target.iam.destroy()
  target.sts.destroy()
}
