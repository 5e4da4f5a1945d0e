/**
 * AWS SDK clients for CLI verbs that talk to Warden (or to AWS) as a normal AWS client:
 * credentials from the standard chain (environment, profile, SSO, ...); the endpoint from
 * `--endpoint`, else `AWS_ENDPOINT_URL_IAM` (`_STS`) / `AWS_ENDPOINT_URL`, else the profile's
 * `endpoint_url` or `services` section (the SDK reads those itself), else AWS.
 */
import { IAMClient } from '@aws-sdk/client-iam'
import { STSClient } from '@aws-sdk/client-sts'

export interface AwsClientOptions {
  endpoint?: string
  profile?: string
  region?: string
  /** Explicit keys instead of the credential chain (`warden configure` checks new keys). */
  credentials?: { accessKeyId: string; secretAccessKey: string }
}

/** An IAM client configured from the options, the environment and the profile. */
export function iamClient(options: AwsClientOptions, env: NodeJS.ProcessEnv = process.env): IAMClient {
  // Warden supports Node 20 (package.json engines); the SDK's notice about its own future
  // Node 22 requirement is noise in a CLI's output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  // The SDK reads a profile's endpoint_url / services section only for the profile named
  // by AWS_PROFILE (its `profile` option covers credentials alone), so --profile sets both.
  if (options.profile) process.env.AWS_PROFILE = options.profile
  const endpoint = options.endpoint ?? env.AWS_ENDPOINT_URL_IAM ?? env.AWS_ENDPOINT_URL
  return new IAMClient({
    // IAM is global: AWS signs it for us-east-1, and Warden accepts any Region.
    region: options.region ?? 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: 2
  })
}

/** An STS client configured like {@link iamClient} (same endpoint rules, AWS_ENDPOINT_URL_STS). */
export function stsClient(options: AwsClientOptions, env: NodeJS.ProcessEnv = process.env): STSClient {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  if (options.profile) process.env.AWS_PROFILE = options.profile
  const endpoint = options.endpoint ?? env.AWS_ENDPOINT_URL_STS ?? env.AWS_ENDPOINT_URL
  return new STSClient({
    region: options.region ?? 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: 2
  })
}
