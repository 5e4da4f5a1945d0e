/**
 * The claims a provider may add for STS (IAM User Guide, "Pass session tags using
 * AssumeRoleWithWebIdentity" and "source identity"): session tags under
 * `https://aws.amazon.com/tags` (`principal_tags`: key -> [value], `transitive_tag_keys`)
 * and `https://aws.amazon.com/source_identity`.
 */
import { awsError } from '../../protocol/index.js'
import type { ProviderSessionTags } from '../federated-session.js'

export const TAGS_CLAIM = 'https://aws.amazon.com/tags'
export const SOURCE_IDENTITY_CLAIM = 'https://aws.amazon.com/source_identity'

const MAX_TAGS = 50
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u
const SOURCE_IDENTITY = /^[\w+=,.@-]{2,64}$/

const bad = (what: string) => awsError('InvalidIdentityToken', `The ${what} in the identity token is not valid.`)

/** The session tags a token carries, or undefined when it carries none. */
export function tagsFromClaims(claims: Record<string, unknown>): ProviderSessionTags | undefined {
  const raw = claims[TAGS_CLAIM]
  if (raw === undefined) return undefined
  if (raw === null || typeof raw !== 'object') throw bad('session tags claim')
  const { principal_tags: principalTags, transitive_tag_keys: transitive } = raw as Record<string, unknown>
  const tags: Record<string, string> = {}
  if (principalTags !== undefined) {
    if (principalTags === null || typeof principalTags !== 'object') throw bad('principal_tags claim')
    for (const [key, value] of Object.entries(principalTags as Record<string, unknown>)) {
      // Each tag is a one-element array in the token.
      const v = Array.isArray(value) && value.length === 1 ? value[0] : value
      if (typeof v !== 'string' || !TAG_KEY.test(key) || !TAG_VALUE.test(v)) throw bad(`session tag ${key}`)
      tags[key] = v
    }
  }
  if (Object.keys(tags).length > MAX_TAGS) throw bad('session tags claim (more than 50 tags)')
  const keys = transitive === undefined ? [] : transitive
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string' && Object.hasOwn(tags, k))) throw bad('transitive_tag_keys claim')
  return { tags, transitiveTagKeys: keys as string[] }
}

/** The source identity a token sets, or undefined. */
export function sourceIdentityFromClaims(claims: Record<string, unknown>): string | undefined {
  const v = claims[SOURCE_IDENTITY_CLAIM]
  if (v === undefined) return undefined
  if (typeof v !== 'string' || !SOURCE_IDENTITY.test(v) || v.toLowerCase().startsWith('aws:')) throw bad('source identity claim')
  return v
}
