/**
 * Where IAM and STS calls go, with the precedence of the AWS CLI: --endpoint, then
 * AWS_ENDPOINT_URL_IAM / _STS / AWS_ENDPOINT_URL (the SDK reads those), then the chosen
 * profile's `services` section or `endpoint_url`. The JS SDK reads config-file endpoints
 * only for AWS_PROFILE, not for a profile given to the client, so --profile is resolved here.
 */
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { TargetOptions } from '../blueprints/index.js'
import { readNested, readSection } from './ini-file.js'

/** The endpoint a profile sets for one service (`iam`, `sts`), if any. */
export function profileEndpoint(profile: string, service: 'iam' | 'sts', env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env.AWS_CONFIG_FILE ?? join(homedir(), '.aws', 'config')
  if (!existsSync(file)) return undefined
  const text = readFileSync(file, 'utf8')
  const section = readSection(text, profile === 'default' ? 'default' : `profile ${profile}`)
  if (!section) return undefined
  const services = section.services
  const fromServices = services ? readNested(text, `services ${services}`, service)?.endpoint_url : undefined
  return fromServices ?? section.endpoint_url
}

/** TargetOptions from a verb's --profile / --endpoint / --region. */
export function targetOptions(values: { profile?: string; endpoint?: string; region?: string }, env: NodeJS.ProcessEnv = process.env): TargetOptions {
  const base: TargetOptions = { profile: values.profile, region: values.region }
  if (values.endpoint) return { ...base, iamEndpoint: values.endpoint, stsEndpoint: values.endpoint }
  if (!values.profile) return base
  return {
    ...base,
    iamEndpoint: env.AWS_ENDPOINT_URL_IAM ?? env.AWS_ENDPOINT_URL ?? profileEndpoint(values.profile, 'iam', env),
    stsEndpoint: env.AWS_ENDPOINT_URL_STS ?? env.AWS_ENDPOINT_URL ?? profileEndpoint(values.profile, 'sts', env)
  }
}
