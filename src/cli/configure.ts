/**
 * `warden configure`: writes an AWS profile that points IAM and STS at Warden (a `services`
 * section, botocore's service-specific endpoint format, which the aws CLI, boto3 and the
 * JS SDK read), its credentials, and profiles for roles to assume (`role_arn` +
 * `source_profile`). Other profiles and comments are kept; a changed file is backed up to
 * FILE.bak first.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { stsClient } from './aws-client.js'
import { loadKeyMaterial, MASTER_KEY_FILE } from '../auth/key-material.js'
import { readRootCredentials } from '../server/bootstrap.js'
import { CliFailure, describeError, EXIT, EXIT_CODES_HELP, out, parseOptions, runVerb, UsageError } from './common.js'
import { readSection, setSection, type IniEntry } from './ini-file.js'
import { DEFAULT_PORT } from './serve.js'

export const CONFIGURE_HELP = `usage: warden configure [--profile warden] [--endpoint URL] [credentials] [--role ROLE]... [options]

Writes an AWS profile so that \`aws --profile NAME ...\`, boto3.Session(profile_name=NAME)
and the AWS SDKs talk to Warden unchanged: [profile NAME] in ~/.aws/config (or
AWS_CONFIG_FILE) with a [services NAME] section pointing iam and sts at the endpoint, and
the keys in ~/.aws/credentials (or AWS_SHARED_CREDENTIALS_FILE). Each --role adds a
profile NAME-ROLE that assumes the role (role_arn + source_profile). Other profiles and
comments are kept; a file that changes is first copied to FILE.bak. The credentials are
checked with sts get-caller-identity before anything is written.

credentials (one of):
  --access-key-id ID [--secret-access-key KEY]   the secret defaults to AWS_SECRET_ACCESS_KEY;
                                                 --secret-access-key - reads it from stdin
  --data DIR        the root credentials of a local \`warden serve --data DIR\`
  (none)            keep the profile's current credentials, update the endpoint only

options:
  --profile NAME    profile to write (default warden)
  --endpoint URL    Warden's endpoint (default http://127.0.0.1:${DEFAULT_PORT})
  --region REGION   the profile's region (default us-east-1)
  --role ROLE       a role name or ARN to add a profile for (repeatable)
  --no-verify       do not call sts get-caller-identity first (role names then need ARNs)
  --json            print what was written as JSON

examples:
  warden configure --data ./.warden
  AWS_SECRET_ACCESS_KEY=... warden configure --profile ec2-user --access-key-id AKIA... --role EC2-Training-Role
  aws --profile warden sts get-caller-identity
  aws --profile ec2-user-EC2-Training-Role sts get-caller-identity

${EXIT_CODES_HELP}`

interface Written {
  file: string
  changed: boolean
  backup?: string
}

/** Writes a file atomically if its text changes, backing the old one up to FILE.bak. */
function writeIfChanged(file: string, before: string | undefined, after: string, secret: boolean): Written {
  if (before === after) return { file, changed: false }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  let backup: string | undefined
  let mode = 0o600
  if (before !== undefined) {
    backup = `${file}.bak`
    copyFileSync(file, backup)
    chmodSync(backup, 0o600)
    // The credentials file holds secrets: never left readable by others.
    mode = secret ? 0o600 : statSync(file).mode & 0o777
  }
  const tmp = `${file}.warden-tmp-${process.pid}`
  writeFileSync(tmp, after, { mode })
  chmodSync(tmp, mode)
  renameSync(tmp, file)
  return { file, changed: true, backup }
}

const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined)

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const c of process.stdin) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString('utf8').trim()
}

export async function configure(argv: string[]): Promise<number> {
  return runVerb('configure', CONFIGURE_HELP, argv, async () => {
    const { values, positionals } = parseOptions(argv, {
      profile: { type: 'string', default: 'warden' },
      endpoint: { type: 'string', default: `http://127.0.0.1:${DEFAULT_PORT}` },
      region: { type: 'string', default: 'us-east-1' },
      'access-key-id': { type: 'string' },
      'secret-access-key': { type: 'string' },
      data: { type: 'string' },
      role: { type: 'string', multiple: true },
      'no-verify': { type: 'boolean' },
      json: { type: 'boolean' }
    })
    if (positionals.length > 0) throw new UsageError(`unexpected argument \`${positionals[0]}\``)
    const profile = values.profile!
    if (!/^[\w.@+-]+$/.test(profile)) throw new UsageError(`\`${profile}\` is not a usable profile name (letters, digits and ._@+-)`)
    let endpoint: URL
    try {
      endpoint = new URL(values.endpoint!)
    } catch {
      throw new UsageError(`--endpoint takes a URL such as http://127.0.0.1:${DEFAULT_PORT}, got \`${values.endpoint}\``)
    }
    const endpointUrl = endpoint.href.replace(/\/$/, '')
    const configFile = resolve(process.env.AWS_CONFIG_FILE ?? join(homedir(), '.aws', 'config'))
    const credentialsFile = resolve(process.env.AWS_SHARED_CREDENTIALS_FILE ?? join(homedir(), '.aws', 'credentials'))
    const credentialsBefore = read(credentialsFile)
    const configBefore = read(configFile)

    let keys: { accessKeyId: string; secretAccessKey: string } | undefined
    if (values.data !== undefined) {
      if (values['access-key-id'] !== undefined) throw new UsageError('give either --data or --access-key-id, not both')
      if (!process.env.WARDEN_MASTER_KEY && !existsSync(join(values.data, MASTER_KEY_FILE))) throw new UsageError(`${values.data} is not a Warden data directory (no ${MASTER_KEY_FILE})`)
      const root = readRootCredentials(loadKeyMaterial({ dataDir: values.data, envValue: process.env.WARDEN_MASTER_KEY }), values.data)
      if (!root) throw new UsageError(`${values.data} has no root credentials (start \`warden serve --data ${values.data}\` once)`)
      keys = { accessKeyId: root.accessKeyId, secretAccessKey: root.secretAccessKey }
    } else if (values['access-key-id'] !== undefined) {
      let secret = values['secret-access-key'] ?? process.env.AWS_SECRET_ACCESS_KEY
      if (secret === '-') secret = await readStdin()
      if (!secret) throw new UsageError('--access-key-id needs the secret: --secret-access-key KEY, --secret-access-key - (stdin), or AWS_SECRET_ACCESS_KEY')
      keys = { accessKeyId: values['access-key-id'], secretAccessKey: secret }
    } else if (values['secret-access-key'] !== undefined) {
      throw new UsageError('--secret-access-key needs --access-key-id')
    } else {
      const current = credentialsBefore === undefined ? undefined : readSection(credentialsBefore, profile)
      if (!current?.aws_access_key_id || !current.aws_secret_access_key) {
        throw new UsageError(`profile \`${profile}\` has no credentials yet: pass --access-key-id (with the secret) or --data DIR`)
      }
    }

    // Which account (for role ARNs) and whether the keys work, before touching any file.
    let identity: { account: string; arn: string } | undefined
    if (!values['no-verify']) {
      const current = keys ?? (() => {
        const s = readSection(credentialsBefore!, profile)!
        return { accessKeyId: s.aws_access_key_id!, secretAccessKey: s.aws_secret_access_key! }
      })()
      const sts = stsClient({ endpoint: endpointUrl, region: values.region, credentials: current })
      try {
        const who = await sts.send(new GetCallerIdentityCommand({}))
        identity = { account: who.Account!, arn: who.Arn! }
      } catch (e) {
        throw new CliFailure(`the credentials do not work at ${endpointUrl}: ${describeError(e)}; nothing was written`, EXIT.failed)
      } finally {
        sts.destroy()
      }
    }

    const roles = (values.role ?? []).map((r) => {
      const arn = r.startsWith('arn:') ? r : identity ? `arn:aws:iam::${identity.account}:role/${r}` : undefined
      if (!arn) throw new UsageError(`--role ${r}: with --no-verify, give the role's ARN`)
      const m = /^arn:[\w-]+:iam::\d{12}:role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(arn)
      if (!m) throw new UsageError(`--role ${r}: not a role name or role ARN`)
      return { profile: `${profile}-${m[1]}`, roleArn: arn }
    })

    const servicesName = profile
    const configSection = (p: string) => (p === 'default' ? 'default' : `profile ${p}`)
    let config = configBefore ?? ''
    config = setSection(config, configSection(profile), [
      { key: 'region', value: values.region! },
      { key: 'services', value: servicesName }
    ])
    const endpoints: IniEntry[] = ['iam', 'sts'].map((service) => ({ key: service, value: { endpoint_url: endpointUrl } }))
    config = setSection(config, `services ${servicesName}`, endpoints)
    for (const r of roles) {
      config = setSection(config, configSection(r.profile), [
        { key: 'role_arn', value: r.roleArn },
        { key: 'source_profile', value: profile },
        { key: 'region', value: values.region! },
        { key: 'services', value: servicesName }
      ])
    }
    const writtenConfig = writeIfChanged(configFile, configBefore, config, false)
    let writtenCredentials: Written = { file: credentialsFile, changed: false }
    if (keys) {
      const credentials = setSection(credentialsBefore ?? '', profile, [
        { key: 'aws_access_key_id', value: keys.accessKeyId },
        { key: 'aws_secret_access_key', value: keys.secretAccessKey }
      ])
      writtenCredentials = writeIfChanged(credentialsFile, credentialsBefore, credentials, true)
    }

    if (values.json) {
      out(JSON.stringify({ profile, endpoint: endpointUrl, region: values.region, identity, roles, config: writtenConfig, credentials: writtenCredentials }, null, 2))
      return EXIT.ok
    }
    for (const w of [writtenConfig, writtenCredentials]) {
      out(w.changed ? `wrote ${w.file}${w.backup ? ` (the previous version is in ${w.backup})` : ''}` : `${w.file} unchanged`)
    }
    if (identity) out(`profile ${profile} is ${identity.arn} at ${endpointUrl}`)
    out(`try: aws --profile ${profile} sts get-caller-identity`)
    for (const r of roles) out(`     aws --profile ${r.profile} sts get-caller-identity   # assumes ${r.roleArn}`)
    return EXIT.ok
  })
}
