/**
 * `warden request`: for users without admin rights (guide 000), the request to hand to an
 * administrator, in Markdown: what to create and why, the exact policy and trust documents
 * as files, and the `aws` commands that create everything (the steps apply would send).
 */
import { formatDocument } from './documents.js'
import type { Blueprint } from './model.js'
import type { Plan } from './plan.js'
import { DOCUMENT_MEMBERS, type Step } from './steps.js'

export interface RequestFile {
  name: string
  content: string
}

export interface Request {
  markdown: string
  files: RequestFile[]
}

/** `CreateRole` -> `create-role`, `AWSServiceName` -> `aws-service-name` (botocore's rule). */
export function kebab(name: string): string {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/([a-z\d])([A-Z])/g, '$1-$2')
    .toLowerCase()
}

/** Quotes a shell word only when it needs it. */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`
}

function documentFileName(step: Step): string {
  const i = step.input
  if (step.action === 'CreateRole' || step.action === 'UpdateAssumeRolePolicy') return `${i.RoleName}-trust.json`
  if (step.action === 'CreatePolicy') return `${i.PolicyName}.json`
  if (step.action === 'CreatePolicyVersion') return `${String(i.PolicyArn).split('/').pop()}.json`
  const owner = (i.RoleName ?? i.UserName ?? i.GroupName) as string
  return `${owner}-${i.PolicyName}.json`
}

/** One step as an `aws iam` command; its documents become `file://` references. */
export function awsCommand(step: Step, files: RequestFile[]): string {
  const words = ['aws', 'iam', kebab(step.action)]
  for (const [member, value] of Object.entries(step.input)) {
    const flag = `--${kebab(member)}`
    if (DOCUMENT_MEMBERS.has(member)) {
      const name = documentFileName(step)
      files.push({ name, content: String(value) + '\n' })
      words.push(flag, `file://${name}`)
    } else if (typeof value === 'boolean') {
      words.push(value ? flag : `--no-${kebab(member)}`)
    } else if (Array.isArray(value)) {
      words.push(flag, ...value.map((t: { Key: string; Value: string }) => shellQuote(`Key=${t.Key},Value=${t.Value}`)))
    } else {
      words.push(flag, shellQuote(String(value)))
    }
  }
  return words.join(' ')
}

/** The request document for creating blueprint `bp` from nothing (`plan` is against an empty account). */
export function renderRequest(bp: Blueprint, plan: Plan, requester?: string): Request {
  const files: RequestFile[] = []
  const commands = plan.steps.map((s) => awsCommand(s, files))
  const md: string[] = []
  md.push(`# IAM request: ${bp.name}`, '')
  if (requester) md.push(`Requested by \`${requester}\`.`, '')
  md.push(`Account \`${bp.accountId}\`, region \`${bp.region}\`.${bp.guide ? ` Follows guide ${bp.guide}.` : ''}`, '')
  md.push(bp.description, '')
  md.push(
    `Each entity carries the tag \`warden:blueprint=${bp.name}\` (groups live under the path \`/warden/${bp.name}/\`),`,
    `so \`warden plan ${bp.name}\` can check the result and \`warden destroy ${bp.name}\` can remove exactly this later.`,
    ''
  )
  if (bp.parameters.length > 0) {
    md.push('## Parameters', '', '| parameter | value |', '| --- | --- |')
    for (const p of bp.parameters) md.push(`| \`${p.name}\` | \`${String(p.value)}\` |`)
    md.push('')
  }
  md.push('## What to create', '', '| kind | name | details |', '| --- | --- | --- |')
  for (const p of bp.policies) md.push(`| customer managed policy | \`${p.name}\` | \`${p.arn}\` |`)
  for (const g of bp.groups) md.push(`| group | \`${g.name}\` | path \`${g.path}\`; policies: ${g.managedPolicies.map((a) => `\`${a.split('/').pop()}\``).join(', ') || 'none'} |`)
  for (const u of bp.users) md.push(`| user | \`${u.name}\` | \`${u.arn}\`${u.accessKey ? '; one access key' : ''}${u.groups.length ? `; groups ${u.groups.join(', ')}` : ''} |`)
  for (const r of bp.roles) md.push(`| role | \`${r.name}\` | \`${r.arn}\`; trusted by ${trustedBy(r.trust)} |`)
  for (const p of bp.instanceProfiles) md.push(`| instance profile | \`${p.name}\` | role \`${p.role}\` |`)
  for (const s of bp.serviceLinkedRoles) md.push(`| service-linked role | for \`${s.service}\` | created by IAM for the service (if it does not exist yet) |`)
  md.push('')
  md.push('## Documents', '', 'Save each document under its file name; the commands below read them with `file://`.', '')
  for (const f of files) md.push(`### \`${f.name}\``, '', '```json', f.content.trimEnd(), '```', '')
  md.push('## Commands', '', 'Run these as an administrator, in order, from the directory with the documents:', '', '```sh')
  for (const c of commands) md.push(c)
  md.push('```', '')
  const keys = bp.users.filter((u) => u.accessKey)
  md.push('## Please send back', '')
  for (const r of bp.roles) md.push(`- the role ARN \`${r.arn}\` once it exists`)
  for (const u of keys) md.push(`- the access key of \`${u.name}\` (from \`create-access-key\`), through a secure channel: the secret is shown once`)
  md.push('')
  return { markdown: md.join('\n'), files }
}

function trustedBy(trust: Record<string, unknown>): string {
  const doc = JSON.parse(formatDocument(trust)) as { Statement: { Principal?: Record<string, unknown> | string }[] }
  const who = doc.Statement.flatMap((s) => {
    if (s.Principal === undefined) return []
    if (typeof s.Principal === 'string') return [s.Principal]
    return Object.values(s.Principal).flatMap((v) => (Array.isArray(v) ? v : [v])).map(String)
  })
  return who.map((w) => `\`${w}\``).join(', ') || 'nobody'
}
